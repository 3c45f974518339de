// Bus credentials through the real CLI and NatsBus: user/password (URL or environment), token, NKey;
// wrong or missing ones exit 2 with one clear line and never echo a secret; live refuses an open bus.
import { execFileSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { nkeys } from "@nats-io/transport-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BusAuthError, busAuth, NatsBus, parseBusUrl } from "../../floor/bus/index.ts";
import { openDb } from "../../state/index.ts";
import { floor } from "../helpers/floorCli.ts";
import { floorInProcess } from "../helpers/floorInProcess.ts";
import { describeNatsServer, startNatsServer, type NatsServerHandle } from "../helpers/nats.ts";
import { startAuthServer, type AuthServer } from "../helpers/natsAuth.ts";
import { tmpDir } from "../helpers/tmp.ts";

const tmp = tmpDir("buscreds");
afterAll(() => tmp.remove());
let n = 0;
const sim = (bus: string) => ["start", "--bus", bus, "--until", "20m", "--speed", "max", "--db", tmp.path(`f${++n}.db`), "--dashboard", "off"];
const KEY = "ab".repeat(32);
/** A test that runs a floor: above the 90 s its floor run is given, so that limit is the one that speaks (the default 60 s cut it short). */
const RUN = 120_000;

// The floors that run are the real CLI; the refusals run the CLI's main in process
// (tests/helpers/floorInProcess.ts): each is refused before a floor runs.
describeNatsServer("bus credentials (CLI, against config/nats/floor-auth.conf)", () => {
  let server: AuthServer;
  let hostPort: string;
  beforeAll(async () => {
    server = await startAuthServer();
    hostPort = server.url.slice("nats://".length);
  });
  afterAll(() => server.stop());

  it("runs with user and password in the URL, showing the user but never the password", async () => {
    const url = server.urlAs("floor");
    const pw = server.env.NATS_PW_FLOOR!;
    const r = await floor(sim(url), { LOG_LEVEL: "debug" }, 90_000);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`bus        nats://floor@${hostPort}`);
    expect(r.stdout + r.stderr).not.toContain(pw);
  }, RUN);

  it("runs with NATS_USER/NATS_PASSWORD from the environment", async () => {
    const r = await floor(sim(`nats://${hostPort}`), { NATS_USER: "floor", NATS_PASSWORD: server.env.NATS_PW_FLOOR! }, 90_000);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout + r.stderr).not.toContain(server.env.NATS_PW_FLOOR!);
  }, RUN);

  it("takes the URL and the names of the credential variables from the config's bus: section, and refuses a password in it", async () => {
    const dir = tmpDir("buscfg");
    try {
      writeFileSync(dir.path("floor.yaml"), `bus:\n  url: nats://${hostPort}\n  userEnv: MY_BUS_USER\n  passwordEnv: MY_BUS_SECRET\n`);
      const args = ["start", "--config", dir.path("floor.yaml"), "--until", "20m", "--speed", "max", "--db", dir.path("f.db"), "--dashboard", "off"];
      const r = await floor(args, { MY_BUS_USER: "floor", MY_BUS_SECRET: server.env.NATS_PW_FLOOR! }, 90_000);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain(`bus        nats://${hostPort}`);
      writeFileSync(dir.path("floor.yaml"), `bus:\n  url: nats://floor:hunter2@${hostPort}\n`);
      const bad = await floorInProcess(args.map((a) => (a === dir.path("f.db") ? dir.path("g.db") : a))); // a fresh db: the first is already at --until
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/bus.url in the config carries credentials/);
      expect(bad.stderr).not.toContain("hunter2");
    } finally {
      dir.remove();
    }
  }, RUN);

  it("exits 2 with one clear line on a wrong password, on no credentials, and on two kinds at once", async () => {
    const wrong = await floorInProcess(sim(server.urlAs("floor", true)));
    expect(wrong.code).toBe(2);
    expect(wrong.stderr.trim()).toBe(`floor start: NATS at nats://floor@${hostPort} refused the connection: the user credentials of floor were refused`);
    const none = await floorInProcess(sim(`nats://${hostPort}`));
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/refused the connection: no credentials were given/);
    const both = await floorInProcess(sim(server.urlAs("floor")), { NATS_TOKEN: "t0ken" });
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/bus credentials given more than one way \(a user in the URL, NATS_TOKEN\)/);
    expect(both.stderr).not.toContain("t0ken");
    const half = await floorInProcess(sim(`nats://${hostPort}`), { NATS_USER: "floor" });
    expect(half.code).toBe(2);
    expect(half.stderr).toMatch(/NATS_USER is set but NATS_PASSWORD is not/);
  });

  it("a floor running as an identity without the boss's rights has every refused publish audited in its ledger", async () => {
    const db = tmp.path("as-feed.db");
    const r = await floor(["start", "--bus", server.urlAs("feed"), "--until", "20m", "--speed", "max", "--db", db, "--dashboard", "off"], {}, 90_000);
    expect(r.code, r.stderr).toBe(0);
    const d = openDb(db);
    try {
      const rows = d.prepare("SELECT src, subject, detail_json FROM audit_log WHERE kind = 'violation'").all() as Array<{ src: string; subject: string; detail_json: string }>;
      const subjects = rows.map((x) => x.subject);
      expect(subjects).toContain("ctl.momentum-1.allocate");
      expect(subjects).toContain("hb.boss");
      expect(new Set(subjects).size).toBe(subjects.length); // each subject once, however often refused
      expect(rows.every((x) => x.src === "bus" && JSON.parse(x.detail_json).operation === "publish")).toBe(true);
    } finally {
      d.close();
    }
  }, RUN);

  it("--mode live refuses to start without bus credentials (exit 2)", async () => {
    const cfg = tmp.path("live.yaml");
    writeFileSync(cfg, "live:\n  capitalCapUsd: 50\n");
    const r = await floorInProcess(["start", "--mode", "live", "--live", "--config", cfg, "--bus", `nats://${hostPort}`, "--db", tmp.path("live.db"), "--dashboard", "off"], { POLYMARKET_PRIVATE_KEY: KEY });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--mode live refuses an unauthenticated bus/);
  });
});

describeNatsServer("bus credentials: token, NKey, and an open server", () => {
  let token: NatsServerHandle, nkey: NatsServerHandle, open: NatsServerHandle;
  const user = nkeys.createUser();
  const seed = new TextDecoder().decode(user.getSeed());
  beforeAll(async () => {
    const conf = tmp.path("nkey.conf");
    writeFileSync(conf, `authorization { users: [ { nkey: ${user.getPublicKey()} } ] }\n`);
    [token, nkey, open] = await Promise.all([startNatsServer({ args: ["--auth", "s3cret-token"] }), startNatsServer({ config: conf }), startNatsServer()]);
  });
  afterAll(() => Promise.all([token.stop(), nkey.stop(), open.stop()]));
  const connect = (url: string, env: NodeJS.ProcessEnv) => NatsBus.connect({ url, auth: busAuth(parseBusUrl(url, "test"), env), warn: () => undefined });

  it("connects with a token from NATS_TOKEN or the URL, and names a wrong one as refused", async () => {
    for (const bus of [await connect(token.url, { NATS_TOKEN: "s3cret-token" }), await connect(token.url.replace("//", "//s3cret-token@"), {})]) {
      expect(bus.status).toMatchObject({ auth: "token", authRequired: true });
      expect(bus.description).not.toContain("s3cret");
      await bus.close();
    }
    const err = await connect(token.url, { NATS_TOKEN: "nope" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BusAuthError);
    expect((err as Error).message).toMatch(/refused the connection: the token credentials were refused/);
  });

  it("connects with an NKey seed from NATS_NKEY_SEED, and refuses a seed that is not one", async () => {
    const bus = await connect(nkey.url, { NATS_NKEY_SEED: seed });
    expect(bus.status).toMatchObject({ auth: "nkey", authRequired: true });
    await bus.close();
    expect(() => busAuth(parseBusUrl(nkey.url, "test"), { NATS_NKEY_SEED: "SUnotaseed" })).toThrow(/NATS_NKEY_SEED is not an NKey seed/);
    expect(() => busAuth(parseBusUrl(nkey.url, "test"), { NATS_CREDS: tmp.path("missing.creds") })).toThrow(/NATS_CREDS: cannot read the creds file .*missing\.creds: ENOENT/);
  });

  it.skipIf(!existsSync("/usr/bin/openssl"))("connects over TLS (tls:// and a CA from NATS_TLS_CA), and says why without the CA", async () => {
    const ssl = (...args: string[]) => execFileSync("/usr/bin/openssl", args, { cwd: tmp.dir, stdio: "ignore" });
    ssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=test-ca");
    ssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1");
    writeFileSync(tmp.path("ext.cnf"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
    ssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", "server.pem", "-days", "2", "-extfile", "ext.cnf");
    writeFileSync(tmp.path("tls.conf"), `tls { cert_file: "${tmp.path("server.pem")}", key_file: "${tmp.path("server.key")}" }\n`);
    const server = await startNatsServer({ config: tmp.path("tls.conf") });
    try {
      const url = server.url.replace("nats://", "tls://");
      const bus = await connect(url, { NATS_TLS_CA: tmp.path("ca.pem") });
      expect(bus.status.tls).toBe(true);
      expect(bus.description).toBe(url);
      await bus.close();
      await expect(connect(url, {})).rejects.toThrow(/cannot connect to NATS at tls:\/\/127\.0\.0\.1:\d+: unable to verify the first certificate/);
      expect(() => busAuth(parseBusUrl(url, "test"), { NATS_TLS_CA: tmp.path("nope.pem") })).toThrow(/bus TLS file not found: .*nope\.pem/);
    } finally {
      await server.stop();
    }
  });

  it("--mode live refuses a server that lets anyone connect, even with credentials given (exit 2)", async () => {
    const cfg = tmp.path("live2.yaml");
    writeFileSync(cfg, "live:\n  capitalCapUsd: 50\n");
    const r = await floorInProcess(["start", "--mode", "live", "--live", "--config", cfg, "--bus", open.url, "--db", tmp.path("live2.db"), "--dashboard", "off"], {
      POLYMARKET_PRIVATE_KEY: KEY, NATS_USER: "floor", NATS_PASSWORD: "pw",
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--mode live refuses nats:\/\/127\.0\.0\.1:\d+: the server lets anyone connect without credentials/);
  });
});

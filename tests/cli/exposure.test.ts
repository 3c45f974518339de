import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { finished, floor, startFloor, waitForOutput } from "../helpers/floorCli.ts";
import { floorInProcess } from "../helpers/floorInProcess.ts";
import { accepts, externalAddress, freePort } from "../helpers/freePort.ts";
import { tmpDir } from "../helpers/tmp.ts";

const tmp = tmpDir("exposure");
afterAll(() => tmp.remove());

const TOKEN = "s3cret-token-for-the-dashboard-0123";
const EXTERNAL = externalAddress();
/** A short sim run that ends by itself, so a floor that should have been refused does not hang the test. */
const shortRun = (db: string, ...more: string[]) => ["start", "--until", "30m", "--speed", "max", "--db", tmp.path(db), ...more];

/** The one line a refusal prints, and no stack frame. */
function oneLine(stderr: string): string {
  const lines = stderr.trim().split("\n");
  expect(lines).toHaveLength(1);
  expect(stderr).not.toMatch(/^\s+at /m);
  return lines[0]!;
}

describe.runIf(EXTERNAL)(`network exposure (this machine's address ${EXTERNAL})`, () => {
  it("--inspect listens on loopback only by default", async () => {
    const port = await freePort();
    const child = startFloor(["start", "--inspect", "--db", tmp.path("inspect.db"), "--speed", "60", "--dashboard", "off"], { POLYFLOOR_INSPECT_PORT: String(port) });
    try {
      await waitForOutput(child, /running/);
      expect(await accepts("127.0.0.1", port)).toBe(true);
      expect(await accepts(EXTERNAL!, port)).toBe(false);
    } finally {
      child.kill("SIGINT");
    }
    expect((await finished(child, 20_000)).code).toBe(0);
  });

  it.each([
    ["--dashboard 0.0.0.0:PORT", ["--dashboard", "0.0.0.0:PORT"], {}, /dashboard at 0\.0\.0\.0:\d+ would be reachable from the network without authentication: set POLYFLOOR_DASHBOARD_TOKEN/],
    ["--dashboard on this machine's address", ["--dashboard", `${EXTERNAL}:PORT`], {}, /set POLYFLOOR_DASHBOARD_TOKEN/],
    ["--inspect on all interfaces", ["--inspect", "--dashboard", "off"], { POLYFLOOR_INSPECT_HOST: "0.0.0.0" }, /inspector at 0\.0\.0\.0:\d+ would be reachable .* set POLYFLOOR_INSPECT_TOKEN/],
    ["a token that is too short", ["--dashboard", "0.0.0.0:PORT"], { POLYFLOOR_DASHBOARD_TOKEN: "short" }, /POLYFLOOR_DASHBOARD_TOKEN is too short .* its value is not shown/],
  ])("without a token, %s is refused before the floor runs (exit 2)", async (_what, flags, env, why) => {
    const port = String(await freePort());
    const db = `refused-${port}.db`;
    // In process (tests/helpers/floorInProcess.ts): refused before the lock and the floor's logger.
    const r = await floorInProcess(shortRun(db, ...flags.map((f) => f.replace("PORT", port))), { POLYFLOOR_INSPECT_PORT: port, ...env });
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toMatch(why);
    expect(r.stdout).not.toMatch(/running/);
    expect(existsSync(tmp.path(db))).toBe(false);
    expect(r.stderr).not.toContain("short\n");
  });

  it("with POLYFLOOR_DASHBOARD_TOKEN, a dashboard on all interfaces answers only requests that carry the token, and never prints it", async () => {
    const port = await freePort();
    const child = startFloor(["start", "--db", tmp.path("token.db"), "--speed", "60", "--dashboard", `0.0.0.0:${port}`], { POLYFLOOR_DASHBOARD_TOKEN: TOKEN, LOG_LEVEL: "debug" });
    try {
      await waitForOutput(child, /running/);
      expect(child.output.stdout).toMatch(/dashboard\s+http:\/\/0\.0\.0\.0:\d+\/ \(token from POLYFLOOR_DASHBOARD_TOKEN/);
      const base = `http://${EXTERNAL}:${port}`;
      expect((await fetch(`${base}/api/status`)).status).toBe(401);
      expect((await fetch(`${base}/`)).status).toBe(401);
      expect((await fetch(`${base}/api/status`, { headers: { authorization: `Bearer ${TOKEN}x` } })).status).toBe(401);
      expect((await fetch(`${base}/api/status?token=nope`)).status).toBe(401);
      const ok = await fetch(`${base}/api/status`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(ok.status).toBe(200);
      expect(((await ok.json()) as { agents: unknown[] }).agents.length).toBeGreaterThan(0);
      // A browser's first visit: ?token= sets a cookie and redirects to the address without the token.
      const first = await fetch(`${base}/?token=${TOKEN}`, { redirect: "manual" });
      expect(first.status).toBe(303);
      expect(first.headers.get("location")).toBe("/");
      const cookie = first.headers.get("set-cookie")!.split(";")[0]!;
      expect(first.headers.get("set-cookie")).toMatch(/HttpOnly; SameSite=Strict/);
      expect((await fetch(`${base}/api/status`, { headers: { cookie } })).status).toBe(200);
      // The rest of the API, the stream and the controls are behind the same token.
      const auth = { authorization: `Bearer ${TOKEN}` };
      expect((await fetch(`${base}/api/agents`)).status).toBe(401);
      expect((await fetch(`${base}/api/agents`, { headers: auth })).status).toBe(200);
      expect((await fetch(`${base}/api/stream`)).status).toBe(401);
      const stream = await fetch(`${base}/api/stream?token=${TOKEN}`, { redirect: "manual" });
      expect(stream.status).toBe(200);
      expect(stream.headers.get("content-type")).toMatch(/^text\/event-stream/);
      await stream.body?.cancel();
      const control = { "x-polyfloor-control": "1" };
      expect((await fetch(`${base}/api/agents/momentum-1/pause`, { method: "POST", headers: control })).status).toBe(401);
      expect((await fetch(`${base}/api/floor/pause`, { method: "POST", headers: { ...control, authorization: `Bearer ${TOKEN}x` } })).status).toBe(401);
      const paused = await fetch(`${base}/api/agents/momentum-1/pause`, { method: "POST", headers: { ...control, ...auth } });
      expect(paused.status).toBe(202);
      const state = async () => ((await (await fetch(`${base}/api/agents/momentum-1/machine`, { headers: auth })).json()) as { state: string }).state;
      await expect.poll(state, { timeout: 15_000, interval: 200 }).toBe("paused");
    } finally {
      child.kill("SIGINT");
    }
    const r = await finished(child, 20_000);
    expect(r.code).toBe(0);
    expect(r.stdout + r.stderr).not.toContain(TOKEN);
  });
});

describe("a dashboard that cannot start stops the floor before it runs", () => {
  // In process (tests/helpers/floorInProcess.ts): refused before the lock and the floor's logger.
  it.each([["127.0.0.1:99999"], ["127.0.0.1:"], ["localhost"], [""]])("--dashboard %j: exit 2, one line", async (at) => {
    const r = await floorInProcess(shortRun(`bad-${at.length}.db`, "--dashboard", at));
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toMatch(/--dashboard/);
    expect(existsSync(tmp.path(`bad-${at.length}.db`))).toBe(false);
  });

  it("a port already in use: exit 1, one line naming the address, nothing run", async () => {
    const busy = createServer();
    const port = await new Promise<number>((resolve) => busy.listen(0, "127.0.0.1", () => resolve((busy.address() as { port: number }).port)));
    try {
      const r = await floor(shortRun("busy.db", "--dashboard", `127.0.0.1:${port}`));
      expect(r.code).toBe(1);
      expect(oneLine(r.stderr)).toBe(`floor start: dashboard not started: 127.0.0.1:${port} is already in use (EADDRINUSE)`);
      expect(r.stdout).not.toMatch(/running|stopped cleanly/);
      expect(existsSync(tmp.path("busy.db"))).toBe(false);
    } finally {
      busy.close();
    }
  });
});

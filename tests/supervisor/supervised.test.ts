// Issue 15 point 3: the floor from supervisord.conf (nats-server with the floor's users, and one
// process per role), a role killed, brought back by supervisord, and caught up.
import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { promisify } from "node:util";
import { afterAll, expect, it } from "vitest";
import { openDb, type Db } from "../../state/index.ts";
import { freePort } from "../helpers/freePort.ts";
import { ROOT, finished, type CliResult } from "../helpers/floorCli.ts";
import { describeSupervisor } from "../helpers/supervisor.ts";
import { tmpDir } from "../helpers/tmp.ts";
import { spawn } from "node:child_process";

const run = promisify(execFile);
const ROLES = ["auditor", "monitor", "exchange", "boss", "traders", "feed"];
const SIM_START = Date.parse("2026-01-01T00:00:00Z");

function readFile<T>(path: string, fn: (db: Db) => T): T | undefined {
  if (!existsSync(path)) return undefined;
  const db = openDb(path, { readonly: true });
  try {
    return fn(db);
  } catch {
    return undefined; // not migrated yet
  } finally {
    db.close();
  }
}
const floorTimeOf = (path: string) => readFile(path, (db) => Number((db.prepare("SELECT value FROM floor_meta WHERE key = 'floorTime'").get() as { value: string } | undefined)?.value ?? NaN)) ?? NaN;
const fillIds = (path: string, before: number) => readFile(path, (db) => (db.prepare("SELECT fill_id FROM fills WHERE ts <= ? ORDER BY fill_id").all(before) as Array<{ fill_id: string }>).map((r) => r.fill_id)) ?? [];

async function until(what: string, ok: () => boolean | Promise<boolean>, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

describeSupervisor("the floor under supervisord", () => {
  const tmp = tmpDir("supervised");
  afterAll(() => tmp.remove());

  it("runs nats-server and the six roles from supervisord.conf, brings back a killed role, which catches up", async () => {
    const env = { ...process.env, POLYFLOOR_DATA: tmp.dir, POLYFLOOR_NATS_PORT: String(await freePort()), POLYFLOOR_SPEED: "max", POLYFLOOR_BUS_PREFIX: "" };
    const launcher = Object.assign(spawn(process.execPath, ["bin/supervised.mjs"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"], detached: true }), { output: { stdout: "", stderr: "" } });
    launcher.stdout!.on("data", (d: Buffer) => (launcher.output.stdout += d.toString()));
    launcher.stderr!.on("data", (d: Buffer) => (launcher.output.stderr += d.toString()));
    const ctl = async (...args: string[]) => (await run("supervisorctl", ["-c", `${ROOT}/supervisord.conf`, ...args], { env }).catch((e: { stdout: string }) => e)).stdout.trim();
    const file = (role: string) => `${tmp.dir}/floor.${role}.db`;
    let result: CliResult | undefined;
    const logs = () => ["supervisord.log", "nats.err.log", ...ROLES.map((r) => `${r}.err.log`)].map((f) => `--- ${f}\n${existsSync(`${tmp.dir}/logs/${f}`) ? readFileSync(`${tmp.dir}/logs/${f}`, "utf8").slice(-1500) : "(none)"}`).join("\n");
    try {
      await until("every role stepping past 00:05", () => ROLES.every((r) => floorTimeOf(file(r)) >= SIM_START + 5 * 60_000), 120_000).catch((e: Error) => {
        throw new Error(`${e.message}\n${launcher.output.stderr}\n${logs()}`);
      });
      // supervisord calls a program RUNNING only once it has lived startsecs (5 s); on a fast machine the roles step past 00:05 before that.
      const running = (status: string) => ["nats", ...ROLES].every((p) => new RegExp(`^${p}\\s+RUNNING`, "m").test(status));
      await until("supervisord to call every program RUNNING", async () => running(await ctl("status")), 30_000).catch(async (e: Error) => {
        throw new Error(`${e.message}\n${await ctl("status")}`);
      });

      const pid = Number(await ctl("pid", "boss"));
      expect(pid).toBeGreaterThan(1);
      const killedAt = floorTimeOf(file("exchange"));
      process.kill(pid, "SIGKILL");
      await until("supervisord to start the boss again", async () => {
        const again = Number(await ctl("pid", "boss"));
        return again > 1 && again !== pid;
      }, 60_000);
      // Caught up: the floor went on past the kill, and the boss's file holds every fill the exchange made up to then.
      await until("the boss's file two floor minutes past the kill", () => floorTimeOf(file("boss")) >= killedAt + 120_000, 120_000);
      const exchangeFills = fillIds(file("exchange"), killedAt + 60_000);
      expect(fillIds(file("boss"), killedAt + 60_000)).toEqual(exchangeFills);
      expect(readFile(file("boss"), (db) => db.prepare("SELECT COALESCE(SUM(gaps), 0) AS g, COALESCE(SUM(conflicts), 0) AS c FROM journal_in").get())).toEqual({ g: 0, c: 0 });
      expect(readFileSync(`${tmp.dir}/logs/supervisord.log`, "utf8")).toMatch(/exited: boss \(terminated by SIGKILL; not expected\)/);
    } finally {
      launcher.kill("SIGTERM");
      result = await finished(launcher, 60_000).catch((e: Error) => {
        process.kill(-launcher.pid!, "SIGKILL");
        throw e;
      });
    }
    expect(result.code).toBe(0);
    const log = readFileSync(`${tmp.dir}/logs/supervisord.log`, "utf8");
    for (const r of ROLES) expect(log).toMatch(new RegExp(`stopped: ${r} \\(exit status 0\\)`));
  }, 360_000);
});

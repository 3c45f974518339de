// Issue 15 point 5: `npm run chaos` for real, on a short sim: six role processes and a private
// nats-server, three roles SIGKILLed and the server restarted once, then every invariant checked.
import { expect, it } from "vitest";
import type { ChaosReport } from "../../floor/chaos/index.ts";
import { INVARIANTS } from "../../floor/chaos/Invariant.ts";
import { CHAOS_ROLES } from "../../floor/chaos/chaosSchedule.ts";
import { describeNatsServer } from "../helpers/nats.ts";
import { ROOT } from "../helpers/floorCli.ts";
import { tmpDir } from "../helpers/tmp.ts";
import { execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { promisify } from "node:util";
import { openDb } from "../../state/index.ts";

/** The shipped roster (seven traders, a market maker among them): enough orders that a kill lands among them. */
const CONFIG = `${ROOT}config/floor.yaml`;

function chaos(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [`${ROOT}bin/chaos.mjs`, ...args], { cwd: ROOT, env: { ...process.env, POLYFLOOR_CONFIG: CONFIG }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("exit", (code) => setImmediate(() => resolve({ code, stdout, stderr })));
  });
}

describeNatsServer("npm run chaos", () => {
  // Kept when the run fails: its files and logs (logs/<role>.<n>.out|.err) say what went wrong.
  const tmp = tmpDir("chaos");

  it("survives 3 role kills and a NATS restart over 20 floor minutes: every invariant holds and every disruption is timed", async () => {
    const r = await chaos(["--kills", "3", "--nats-restarts", "1", "--until", "20m", "--seed", "5", "--json", "--keep", tmp.dir]);
    const report = JSON.parse(r.stdout) as ChaosReport;
    expect({ problems: report.problems, failed: report.invariants.filter((i) => !i.ok), dir: tmp.dir }).toEqual({ problems: [], failed: [], dir: tmp.dir });
    expect(report.ok).toBe(true);
    expect(r.code).toBe(0);
    expect(report.invariants.map((i) => i.name)).toEqual([...INVARIANTS]);
    expect(report.disruptions.map((d) => d.kind).sort()).toEqual(["kill", "kill", "kill", "nats-restart"]);
    for (const d of report.disruptions) {
      expect(d.skipped).toBeUndefined();
      expect(d.backMs).toBeGreaterThan(0);
      expect(d.steppedMs).toBeGreaterThanOrEqual(d.backMs!);
      expect(d.tradingMs).not.toBeNull();
    }
    expect(report.roles.map((o) => [o.role, o.last.code])).toEqual(CHAOS_ROLES.map((role) => [role, 0]));
    const killed = report.disruptions.filter((d) => d.kind === "kill").length;
    expect(report.roles.reduce((n, o) => n + o.incarnations - 1, 0)).toBe(killed + report.roles.reduce((n, o) => n + o.unplannedDeaths.length, 0));
    expect(report.counts!.orders).toBeGreaterThan(0);
    expect(report.floor.coveredMs).toBe(20 * 60_000);
    tmp.remove();
  }, 240_000);

  it("gives a stalled floor up and still reports: a nats-server that died on its own is named, started again, and the stream read", async () => {
    const dir = tmp.path("stall");
    const running = chaos(["--until", "7d", "--seed", "5", "--json", "--keep", dir, "--stall-after", "5s"]);
    // Once the floor steps, its private server dies under it (not one of the run's planned restarts).
    const stepping = () => {
      if (!existsSync(`${dir}/feed.db`)) return false;
      const db = openDb(`${dir}/feed.db`, { readonly: true });
      try {
        return Number((db.prepare("SELECT value FROM floor_meta WHERE key = 'floorTime'").get() as { value: string } | undefined)?.value ?? 0) > 0;
      } catch {
        return false; // not migrated yet
      } finally {
        db.close();
      }
    };
    for (const end = Date.now() + 120_000; !stepping(); await new Promise((r) => setTimeout(r, 250))) if (Date.now() > end) throw new Error("the floor never stepped");
    await promisify(execFile)("pkill", ["-KILL", "-f", `${dir}/nats`]);
    const r = await running;
    const report = JSON.parse(r.stdout) as ChaosReport;
    expect(r.code).toBe(1);
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual(expect.arrayContaining([
      expect.stringMatching(/^nats-server \(incarnation 1\) exited on its own \(SIGKILL\)/),
      expect.stringMatching(/^the floor's clock stood still at .* for 5 s \(nats-server was not running\): every role was stopped$/),
    ]));
    expect(report.invariants.map((i) => i.name)).toEqual([...INVARIANTS]); // checked: the stream was read from the server started again
    expect(report.problems.filter((p) => p.startsWith("the stream could not be read"))).toEqual([]);
    expect(report.roles).toHaveLength(CHAOS_ROLES.length);
  }, 240_000);
});

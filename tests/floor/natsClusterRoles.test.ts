// Issue 15 point 4: the floor's roles, one process each, on a three-node NATS cluster with the
// stream replicated (R3). Every node is SIGKILLed in turn while the floor runs, so every process
// loses the node it is connected to at least once: the clients fail over, JetStream keeps what it
// acknowledged, and the run completes with every file holding one ledger and the audit verifying.
// On a failure the roles' whole logs (and files) are kept in a folder the error names.
import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { verifyFloor } from "../../state/index.ts";
import { describeNatsServer, uniquePrefix } from "../helpers/nats.ts";
import { clusterAndTmp } from "../helpers/natsCluster.ts";
import { SIX_ROLES, startSixRoles } from "../helpers/sixRoles.ts";

const SIM_START = Date.parse("2026-01-01T00:00:00Z");
const MIN = 60_000;

describeNatsServer("the floor's roles on a three-node NATS cluster whose nodes die in turn", () => {
  const { cluster: running, tmp } = clusterAndTmp("cluster-roles");

  it("fails every process over, completes, and every file holds the same ledger; the auditor's verifies", async () => {
    const config = tmp.path("floor.yaml");
    writeFileSync(config, "bus:\n  replicas: 3\n");
    cpSync("config/agents", tmp.path("agents"), { recursive: true }); // the shipped roster, so the run trades
    // CLUSTER_LOG=info for the roles' whole logs; CLUSTER_KEEP_LOGS=DIR keeps them after a pass too.
    const env = { POLYFLOOR_BUS_PREFIX: uniquePrefix("clr"), LOG_LEVEL: process.env.CLUSTER_LOG ?? "warn" };
    const floor = startSixRoles({ dir: tmp, args: ["--config", config, "--bus", running().urls, "--speed", "max", "--until", "20m", "--seed", "5"], env });
    const floorTime = () => floor.read("feed", (db) => Number((db.prepare("SELECT value FROM floor_meta WHERE key = 'floorTime'").get() as { value: string } | undefined)?.value ?? 0)) ?? 0;
    const reach = async (t: number) => {
      const end = Date.now() + 120_000;
      while (floorTime() < t) {
        // A role that exits before the end never comes back here (nothing restarts it): fail now, not after the wait.
        if (floor.exited().length > 0) throw new Error(`the ${floor.exited().join(", ")} process(es) exited before the floor reached ${new Date(t).toISOString()}`);
        if (Date.now() > end) throw new Error(`the floor did not reach ${new Date(t).toISOString()} (at ${new Date(floorTime()).toISOString()})`);
        await new Promise((r) => setTimeout(r, 200));
      }
    };
    try {
      // One node dies every 5 floor minutes (the first window settles at 00:15, after the third death).
      for (const [i, node] of running().nodes.entries()) {
        await reach(SIM_START + (4 + 5 * i) * MIN);
        await running().kill(node.name);
        await new Promise((r) => setTimeout(r, 2000));
        await running().start(node.name);
      }
      const results = await floor.finished(240_000);
      if (process.env.CLUSTER_KEEP_LOGS) floor.keepLogs(join(process.env.CLUSTER_KEEP_LOGS, String(Date.now()))); // a passing run's logs too, when asked
      for (const role of SIX_ROLES) expect({ role, code: results[role].code }).toEqual({ role, code: 0 });
      // Every process lost the node it was on (each node died once) and reconnected to another: its last status line counts it.
      for (const role of SIX_ROLES) {
        const reconnects = Number(/bus connected \(\d+ disconnects?, (\d+) reconnects?\)/.exec(results[role].stdout)?.[1] ?? 0);
        expect({ role, reconnected: reconnects >= 1 }).toEqual({ role, reconnected: true });
      }
      expect(new Set(Object.values(floor.ledgerHashes())).size).toBe(1);
      const auditor = floor.read("auditor", (db) => ({
        failed: verifyFloor(db, floor.db("auditor")).checks.filter((c) => !c.ok),
        fills: (db.prepare("SELECT COUNT(*) AS n FROM fills").get() as { n: number }).n,
        settlements: (db.prepare("SELECT COUNT(*) AS n FROM settlements").get() as { n: number }).n,
        journal: db.prepare("SELECT COALESCE(SUM(gaps), 0) AS g, COALESCE(SUM(conflicts), 0) AS c FROM journal_in").get(),
      }));
      // The audit log holds every fill and settlement the exchange acknowledged (verifyFloor reconciles them), across three failovers.
      expect(auditor?.failed).toEqual([]);
      expect(auditor?.fills).toBeGreaterThan(0);
      expect(auditor?.settlements).toBeGreaterThan(0);
      expect(auditor?.journal).toEqual({ g: 0, c: 0 });
    } catch (e) {
      await floor.kill(); // never leave role processes behind (they wait for ever on a dead floor)
      const kept = floor.keepLogs(mkdtempSync(join(tmpdir(), "polyfloor-cluster-roles-failed-")));
      cpSync(tmp.dir, join(kept, "files"), { recursive: true });
      console.error(`the cluster-roles run failed; the roles' logs and files are in ${kept}\n${floor.logs(1500)}`);
      throw e;
    }
  }, 420_000);
});

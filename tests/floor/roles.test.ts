// Issue 15 point 1: the floor split into one process per role over NATS, each with its own file,
// the sim's clock led by the feed's process. Every file ends holding the same ledger.
import { afterAll, expect, it } from "vitest";
import { openDb } from "../../state/index.ts";
import { verifyFloor } from "../../state/verifyFloor.ts";
import { ledgerHash } from "../../state/ledgerHash.ts";
import { finished, startFloor } from "../helpers/floorCli.ts";
import { describeNats, dropStreams, natsUrl, uniquePrefix } from "../helpers/nats.ts";
import { streamNameFor } from "../../floor/bus/natsStream.ts";
import { tmpDir } from "../helpers/tmp.ts";

// Started at once, the clock's leader first and the recorders last: at a first start each role
// waits for the roles that boot before it (floor/runner/BootTurn.ts), whatever the launch order.
const ROLES = ["feed", "traders", "boss", "exchange", "monitor", "auditor"] as const;

await describeNats("a floor split over one process per role", () => {
  const tmp = tmpDir("roles");
  const prefix = uniquePrefix("roles");
  afterAll(async () => {
    await dropStreams(natsUrl(), [streamNameFor(prefix)]);
    tmp.remove();
  });

  it("runs 15 minutes of sim (a window settles) in six processes: each exits 0, every file holds the same ledger, the auditor's file verifies", async () => {
    const env = { POLYFLOOR_BUS_PREFIX: prefix, LOG_LEVEL: "warn" };
    const procs = [];
    for (const role of ROLES) procs.push(startFloor(["start", "--role", role, "--bus", natsUrl(), "--db", tmp.path(`${role}.db`), "--speed", "max", "--until", "15m", "--seed", "7"], env));
    const results = await Promise.all(procs.map((p) => finished(p, 240_000)));
    for (const [i, r] of results.entries()) expect({ role: ROLES[i], code: r.code, stderr: r.stderr }).toEqual({ role: ROLES[i], code: 0, stderr: "" });
    for (const r of results) expect(r.stdout).toMatch(/the \w+ role of a sim floor/);
    const hashes = ROLES.map((role) => {
      const db = openDb(tmp.path(`${role}.db`), { readonly: true });
      try {
        return ledgerHash(db);
      } finally {
        db.close();
      }
    });
    expect(new Set(hashes).size).toBe(1);
    const auditor = openDb(tmp.path("auditor.db"), { readonly: true });
    try {
      const fills = (auditor.prepare("SELECT COUNT(*) AS n FROM fills").get() as { n: number }).n;
      expect(fills).toBeGreaterThan(0);
      expect((auditor.prepare("SELECT COUNT(*) AS n FROM settlements").get() as { n: number }).n).toBeGreaterThan(0);
      const verdict = verifyFloor(auditor, tmp.path("auditor.db"));
      expect(verdict.checks.filter((c) => !c.ok)).toEqual([]);
      expect(auditor.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE severity = 'violation'").get()).toEqual({ n: 0 });
      expect(auditor.prepare("SELECT SUM(gaps) AS g, SUM(conflicts) AS c FROM journal_in").get()).toEqual({ g: 0, c: 0 });
    } finally {
      auditor.close();
    }
  }, 400_000);
});

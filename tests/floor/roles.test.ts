// Issue 15 point 1: the floor split into one process per role over NATS, each with its own file,
// the sim's clock led by the feed's process. Every file ends holding the same ledger.
import { afterAll, expect, it } from "vitest";
import { openDb } from "../../state/index.ts";
import { verifyFloor } from "../../state/verifyFloor.ts";
import { describeNats, dropStreams, natsUrl, uniquePrefix } from "../helpers/nats.ts";
import { SIX_ROLES, startSixRoles } from "../helpers/sixRoles.ts";
import { streamNameFor } from "../../floor/bus/natsStream.ts";
import { tmpDir } from "../helpers/tmp.ts";

await describeNats("a floor split over one process per role", () => {
  const tmp = tmpDir("roles");
  const prefix = uniquePrefix("roles");
  afterAll(async () => {
    await dropStreams(natsUrl(), [streamNameFor(prefix)]);
    tmp.remove();
  });

  it("runs 15 minutes of sim (a window settles) in six processes: each exits 0, every file holds the same ledger, the auditor's file verifies", async () => {
    const floor = startSixRoles({ dir: tmp, args: ["--bus", natsUrl(), "--speed", "max", "--until", "15m", "--seed", "7"], env: { POLYFLOOR_BUS_PREFIX: prefix, LOG_LEVEL: "warn" } });
    const results = await floor.finished(240_000);
    for (const role of SIX_ROLES) expect({ role, code: results[role].code, stderr: results[role].stderr }).toEqual({ role, code: 0, stderr: "" });
    for (const role of SIX_ROLES) expect(results[role].stdout).toMatch(/the \w+ role of a sim floor/);
    expect(new Set(Object.values(floor.ledgerHashes())).size).toBe(1);
    const auditor = openDb(floor.db("auditor"), { readonly: true });
    try {
      const fills = (auditor.prepare("SELECT COUNT(*) AS n FROM fills").get() as { n: number }).n;
      expect(fills).toBeGreaterThan(0);
      expect((auditor.prepare("SELECT COUNT(*) AS n FROM settlements").get() as { n: number }).n).toBeGreaterThan(0);
      const verdict = verifyFloor(auditor, floor.db("auditor"));
      expect(verdict.checks.filter((c) => !c.ok)).toEqual([]);
      expect(auditor.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE severity = 'violation'").get()).toEqual({ n: 0 });
      expect(auditor.prepare("SELECT SUM(gaps) AS g, SUM(conflicts) AS c FROM journal_in").get()).toEqual({ g: 0, c: 0 });
    } finally {
      auditor.close();
    }
  }, 400_000);
});

import { afterAll, expect, it } from "vitest";
import { LocalBus } from "../../floor/bus/index.ts";
import { loadFloorConfig } from "../../floor/config/index.ts";
import { createLogger } from "../../floor/log/createLogger.ts";
import { runFloor } from "../../floor/runner/index.ts";
import { openDb } from "../../state/index.ts";
import { tmpDir } from "../helpers/tmp.ts";

const tmp = tmpDir("auditclean");
afterAll(() => tmp.remove());

/**
 * A false alarm halts an honest trader: as bad as a miss. Six hours of the default roster, with
 * the boss resizing orders to its caps (where the auditor's recomputation must agree to the
 * micro-unit) and the auditor's hourly ledger checks, raise not one violation.
 */
it("a clean sim run of six hours with the default roster raises no violation", async () => {
  const path = tmp.path("clean.db");
  const status = await runFloor({ config: loadFloorConfig(undefined), bus: new LocalBus(), dbPath: path, seed: 7, speed: "max", untilMs: 6 * 3_600_000, log: createLogger({ level: "silent" }) });
  const db = openDb(path, { readonly: true });
  try {
    const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    // The checks had work: approvals, some resized to a cap, settlements.
    expect(n("SELECT COUNT(*) AS n FROM audit_log WHERE kind = 'approved'")).toBeGreaterThan(5);
    expect(n("SELECT COUNT(*) AS n FROM audit_log WHERE kind = 'approved' AND detail_json LIKE '%resized%'")).toBeGreaterThan(0);
    expect(n("SELECT COUNT(*) AS n FROM audit_log WHERE kind = 'order_settle'")).toBeGreaterThan(0);
    expect(n("SELECT COUNT(*) AS n FROM audit_log WHERE severity = 'violation'")).toBe(0);
    expect(status.agents.filter((a) => a.state === "halted")).toEqual([]);
  } finally {
    db.close();
  }
});

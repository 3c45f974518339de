import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { schemaAt } from "../tests/helpers/schemaAt.ts";
import { tmpDir } from "../tests/helpers/tmp.ts";
import { addCash, allocatedOf, cashOf, ledgerHash, MIGRATIONS, openDb, readFigures, transferCash, type Db } from "./index.ts";

const M = 1_000_000;
let tmp: ReturnType<typeof tmpDir>;
beforeEach(() => void (tmp = tmpDir("ledger-indexes")));
afterEach(() => tmp.remove());

/** How SQLite would run a query: the plan's lines. */
const plan = (db: Db, sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all("a") as Array<{ detail: string }>).map((r) => r.detail).join("; ");

describe("migration 9: an agent's ledger sums by index", () => {
  it("reads an agent's cash, allocation and fill count from its own index entries, not every row", () => {
    const db = openDb(tmp.path("floor.db"));
    try {
      expect(plan(db, "SELECT SUM(delta_micro) AS n FROM cash WHERE agent_id = ?")).toBe("SEARCH cash USING COVERING INDEX cash_agent (agent_id=?)");
      expect(plan(db, "SELECT SUM(delta_micro) AS n FROM cash WHERE agent_id = ? AND reason = 'allocate'")).toBe("SEARCH cash USING COVERING INDEX cash_agent (agent_id=? AND reason=?)");
      expect(plan(db, "SELECT COUNT(*) AS n FROM fills WHERE agent_id = ? AND reverses IS NULL")).toBe("SEARCH fills USING COVERING INDEX fills_agent (agent_id=? AND reverses=?)");
    } finally {
      db.close();
    }
  });

  it("upgrades a v8 file: the same sums, the same ledger hash", () => {
    const path = tmp.path("v8.db");
    const old = schemaAt(path, 8);
    const book = (agentId: string, delta: number, reason: string, ref: string) =>
      old.prepare("INSERT INTO cash (agent_id, delta_micro, reason, ref, ts) VALUES (?, ?, ?, ?, 0)").run(agentId, delta, reason, ref);
    book("floor", 10_000 * M, "deposit", "initial capital");
    for (const [agentId, n] of [["a", 1_000], ["b", 500]] as const) {
      book("floor", -n * M, "allocate", `allocate-${agentId}`);
      book(agentId, n * M, "allocate", `allocate-${agentId}`);
      book(agentId, -40 * M, "fill", `fill-${agentId}`);
    }
    const before = ledgerHash(old);
    old.close();
    const db = openDb(path);
    try {
      expect(db.pragma("user_version", { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
      expect(ledgerHash(db)).toBe(before);
      expect([cashOf(db, "a"), allocatedOf(db, "a"), cashOf(db, "b"), allocatedOf(db, "b"), cashOf(db, "floor")]).toEqual([960 * M, 1_000 * M, 460 * M, 500 * M, 8_500 * M]);
      // Rows written after the upgrade are summed with the old ones.
      transferCash(db, "floor", "a", 100 * M, "review-a@1", 1);
      addCash(db, "a", 7 * M, "settle", "m1", 2);
      expect([cashOf(db, "a"), allocatedOf(db, "a"), cashOf(db, "floor")]).toEqual([1_067 * M, 1_100 * M, 8_400 * M]);
      expect(readFigures(db).cash).toBe(9_927);
    } finally {
      db.close();
    }
  });
});

describe("migration 11: a day of floor time by index", () => {
  const day = (db: Db, sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(0, 1) as Array<{ detail: string }>).map((r) => r.detail).join("; ");
  it("reads one day of the audit log, settlements and fills, and the beliefs of the windows resolved that day, without scanning the tables", () => {
    const db = openDb(tmp.path("floor.db"));
    try {
      expect(day(db, "SELECT ts, kind FROM audit_log WHERE ts >= ? AND ts < ?")).toBe("SEARCH audit_log USING INDEX audit_log_ts (ts>? AND ts<?)");
      expect(day(db, "SELECT pnl_micro FROM settlements WHERE ts >= ? AND ts < ?")).toBe("SEARCH settlements USING INDEX settlements_ts (ts>? AND ts<?)");
      expect(day(db, "SELECT agent_id FROM fills WHERE ts >= ? AND ts < ?")).toBe("SEARCH fills USING INDEX fills_ts (ts>? AND ts<?)");
      const beliefs = day(db, "SELECT f.p_up FROM forecasts f JOIN markets m USING (market_id) WHERE m.outcome IS NOT NULL AND m.resolved_ts >= ? AND m.resolved_ts < ?");
      expect(beliefs).toContain("SEARCH m USING INDEX markets_resolved");
      expect(beliefs).toContain("SEARCH f USING INDEX forecasts_market (market_id=?)");
    } finally {
      db.close();
    }
  });
});

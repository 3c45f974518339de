import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { schemaAt } from "../tests/helpers/schemaAt.ts";
import { tmpDir } from "../tests/helpers/tmp.ts";
import { addCash, addEquityPoint, ledgerHash, listPositions, MIGRATIONS, openDb, readAgentMetrics, readEquityCurve, saveAgentMetrics } from "./index.ts";

const M = 1_000_000;
let tmp: ReturnType<typeof tmpDir>;
beforeEach(() => void (tmp = tmpDir("agent-metrics")));
afterEach(() => tmp.remove());

describe("migration 10: the monitor's figures", () => {
  it("upgrades a v9 file: the ledger and its hash as they were, and the figures' tables empty", () => {
    const path = tmp.path("v9.db");
    const old = schemaAt(path, 9);
    old.prepare("INSERT INTO cash (agent_id, delta_micro, reason, ref, ts) VALUES ('floor', ?, 'deposit', 'initial capital', 0)").run(10_000 * M);
    old.prepare("INSERT INTO positions (agent_id, market_id, outcome, shares_micro, cost_micro) VALUES ('a', 'm1', 'Up', ?, ?)").run(10 * M, 5_175_000);
    const before = ledgerHash(old);
    old.close();
    const db = openDb(path);
    try {
      expect(db.pragma("user_version", { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
      expect(MIGRATIONS.find((m) => m.version === 10)).toBeDefined();
      expect(ledgerHash(db)).toBe(before);
      expect(readAgentMetrics(db).size).toBe(0);
      expect(listPositions(db)).toEqual([{ agentId: "a", marketId: "m1", outcome: "Up", shares: 10 * M, cost: 5_175_000 }]);
      // The figures' rows do not move the ledger hash.
      saveAgentMetrics(db, "a", 1, { agentId: "a", realizedPnl: 0 });
      addEquityPoint(db, "a", 1, 1_000 * M);
      expect(ledgerHash(db)).toBe(before);
      addCash(db, "a", 1, "settle", "m1", 2);
      expect(ledgerHash(db)).not.toBe(before);
    } finally {
      db.close();
    }
  });

  it("keeps each agent's latest metrics (an upsert) and its curve in order, the last points when asked", () => {
    const db = openDb(tmp.path("floor.db"));
    try {
      saveAgentMetrics(db, "a", 10, { agentId: "a", pnl: 1 });
      saveAgentMetrics(db, "floor", 10, { agentId: "floor", pnl: 1 });
      saveAgentMetrics(db, "a", 20, { agentId: "a", pnl: 2 });
      expect([...readAgentMetrics(db)]).toEqual([
        ["a", { ts: 20, metrics: { agentId: "a", pnl: 2 } }],
        ["floor", { ts: 10, metrics: { agentId: "floor", pnl: 1 } }],
      ]);
      for (const [ts, e] of [[60, 100], [120, 90], [180, 95]] as const) addEquityPoint(db, "a", ts, e);
      addEquityPoint(db, "b", 60, 7);
      expect(readEquityCurve(db, "a")).toEqual([{ ts: 60, equity: 100 }, { ts: 120, equity: 90 }, { ts: 180, equity: 95 }]);
      expect(readEquityCurve(db, "a", 2)).toEqual([{ ts: 120, equity: 90 }, { ts: 180, equity: 95 }]);
    } finally {
      db.close();
    }
  });
});

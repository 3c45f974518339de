import type { Outcome } from "../protocols/index.ts";
import { addCash } from "./ledger.ts";
import type { Db } from "./openDb.ts";
import { stmt } from "./stmt.ts";

export interface SettlementRow {
  agentId: string;
  marketId: string;
  winner: Outcome;
  upShares: number;
  downShares: number;
  payout: number;
  cost: number;
  pnl: number;
}

/**
 * Settle every open position in a resolved market: winning shares pay 1 USD each, losing 0.
 * Writes settlement and cash rows and clears the positions in one transaction; settling the
 * same market twice changes nothing and returns no rows.
 */
export const settleMarket = (db: Db, marketId: string, winner: Outcome, ts: number): SettlementRow[] =>
  db.transaction(() => {
    const rows = stmt(
      db,
      "SELECT agent_id, outcome, shares_micro, cost_micro FROM positions WHERE market_id = ? ORDER BY agent_id, outcome",
    ).all(marketId) as Array<{ agent_id: string; outcome: Outcome; shares_micro: number; cost_micro: number }>;
    const byAgent = new Map<string, SettlementRow>();
    for (const r of rows) {
      const s = byAgent.get(r.agent_id) ?? { agentId: r.agent_id, marketId, winner, upShares: 0, downShares: 0, payout: 0, cost: 0, pnl: 0 };
      if (r.outcome === "Up") s.upShares += r.shares_micro;
      else s.downShares += r.shares_micro;
      if (r.outcome === winner) s.payout += r.shares_micro; // 1 share pays 1 USD: same micro count
      s.cost += r.cost_micro;
      byAgent.set(r.agent_id, s);
    }
    const out: SettlementRow[] = [];
    for (const s of byAgent.values()) {
      s.pnl = s.payout - s.cost;
      const r = stmt(
        db,
        `INSERT OR IGNORE INTO settlements (agent_id, market_id, winner, up_shares_micro, down_shares_micro, payout_micro, cost_micro, pnl_micro, ts)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(s.agentId, marketId, winner, s.upShares, s.downShares, s.payout, s.cost, s.pnl, ts);
      if (r.changes === 0) continue;
      if (s.payout !== 0) addCash(db, s.agentId, s.payout, "settle", marketId, ts);
      out.push(s);
    }
    stmt(db, "DELETE FROM positions WHERE market_id = ?").run(marketId);
    return out;
  })();

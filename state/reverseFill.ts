import { addCash } from "./ledger.ts";
import type { Db } from "./openDb.ts";
import { stmt } from "./stmt.ts";

export interface Reversal {
  reversalId: string;
  orderId: string;
  agentId: string;
  marketId: string;
  outcome: "Up" | "Down";
  size: number;
  cashDelta: number;
  sharesDelta: number;
}

interface FillRaw {
  fill_id: string; order_id: string; agent_id: string; market_id: string; outcome: "Up" | "Down"; side: string; price_micro: number; size_micro: number;
  fee_shares_micro: number; fee_usd_micro: number; cash_delta_micro: number; shares_delta_micro: number; liquidity: string; rebate_micro: number;
}

/**
 * Undo a booked fill (the venue matched it, then the trade FAILED on chain): a row with every
 * amount negated that names the fill it reverses, the opposite cash movement, position and filled
 * size, atomically. Rows are never edited, so the history shows both. Undefined when the fill is
 * unknown or already reversed.
 */
export const reverseFill = (db: Db, fillId: string, ts: number): Reversal | undefined =>
  db.transaction(() => {
    const f = stmt(db, "SELECT * FROM fills WHERE fill_id = ? AND reverses IS NULL").get(fillId) as FillRaw | undefined;
    if (!f || stmt(db, "SELECT 1 FROM fills WHERE reverses = ?").get(fillId)) return undefined;
    const reversalId = `${fillId}:reversed`;
    stmt(
      db,
      `INSERT INTO fills (fill_id, order_id, agent_id, market_id, outcome, side, price_micro, size_micro, fee_shares_micro, fee_usd_micro, cash_delta_micro, shares_delta_micro, liquidity, rebate_micro, ts, reverses)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(reversalId, f.order_id, f.agent_id, f.market_id, f.outcome, f.side, f.price_micro, -f.size_micro, -f.fee_shares_micro, -f.fee_usd_micro, -f.cash_delta_micro, -f.shares_delta_micro, f.liquidity, -f.rebate_micro, ts, fillId);
    addCash(db, f.agent_id, -f.cash_delta_micro, "fill", reversalId, ts);
    stmt(db, "UPDATE positions SET shares_micro = shares_micro - ?, cost_micro = cost_micro + ? WHERE agent_id = ? AND market_id = ? AND outcome = ?").run(
      f.shares_delta_micro, f.cash_delta_micro, f.agent_id, f.market_id, f.outcome,
    );
    stmt(db, "UPDATE orders SET filled_micro = filled_micro - ?, updated_ts = ? WHERE order_id = ?").run(f.size_micro, ts, f.order_id);
    return {
      reversalId, orderId: f.order_id, agentId: f.agent_id, marketId: f.market_id, outcome: f.outcome,
      size: f.size_micro, cashDelta: -f.cash_delta_micro, sharesDelta: -f.shares_delta_micro,
    };
  })();

/** Whether a fill id is already booked (a venue trade seen twice, by socket and by poll). */
export function hasFill(db: Db, fillId: string): boolean {
  return stmt(db, "SELECT 1 FROM fills WHERE fill_id = ?").get(fillId) !== undefined;
}

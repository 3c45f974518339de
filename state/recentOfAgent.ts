import type { Db } from "./openDb.ts";
import { stmt } from "./stmt.ts";

/** How far back (in rows of the table) a dashboard's look at one agent's orders and fills goes. */
export const RECENT_WINDOW = 20_000;

export interface RecentOrder {
  seq: number; orderId: string; marketId: string; outcome: string; side: string; type: string;
  price: number; size: number; filled: number; status: string; reason: string | null; createdTs: number; updatedTs: number;
}
export interface RecentFill {
  seq: number; fillId: string; orderId: string; marketId: string; outcome: string; side: string;
  price: number; size: number; feeUsd: number; cashDelta: number; ts: number; reversal: boolean;
}

/**
 * One agent's latest orders and fills (micro-units), newest first, at most `limit` of each,
 * among the last RECENT_WINDOW rows of each table: a range of the primary key, so a request
 * costs the same however long the floor has run (an agent quiet for that long shows none).
 */
export function recentOfAgent(db: Db, agentId: string, limit = 20): { orders: RecentOrder[]; fills: RecentFill[] } {
  const orders = stmt(
    db,
    `SELECT seq, order_id AS orderId, market_id AS marketId, outcome, side, type, price_micro AS price, size_micro AS size, filled_micro AS filled, status, reason,
       created_ts AS createdTs, updated_ts AS updatedTs FROM orders
     WHERE seq > (SELECT IFNULL(MAX(seq), 0) FROM orders) - ? AND agent_id = ? ORDER BY seq DESC LIMIT ?`,
  ).all(RECENT_WINDOW, agentId, limit) as RecentOrder[];
  const fills = (stmt(
    db,
    `SELECT seq, fill_id AS fillId, order_id AS orderId, market_id AS marketId, outcome, side, price_micro AS price, size_micro AS size, fee_usd_micro AS feeUsd,
       cash_delta_micro AS cashDelta, ts, reverses IS NOT NULL AS reversal FROM fills
     WHERE seq > (SELECT IFNULL(MAX(seq), 0) FROM fills) - ? AND agent_id = ? ORDER BY seq DESC LIMIT ?`,
  ).all(RECENT_WINDOW, agentId, limit) as Array<Omit<RecentFill, "reversal"> & { reversal: number }>).map((f) => ({ ...f, reversal: f.reversal === 1 }));
  return { orders, fills };
}

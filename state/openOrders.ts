import type { OrderRow } from "./ledger.ts";
import type { Db } from "./openDb.ts";
import { stmt } from "./stmt.ts";

/** An order the ledger still counts as working (pending or live), with what has filled of it. */
export interface OpenOrder extends Omit<OrderRow, "reason" | "ts" | "status" | "postOnly" | "expiresAt"> {
  status: "pending" | "live";
  postOnly: boolean;
  /** A GTD order's expiry (floor ms); absent for other types, and for GTD orders recorded before the ledger kept it. */
  expiresAt?: number;
  filled: number;
  createdTs: number;
}

interface Raw {
  order_id: string; intent_id: string; agent_id: string; market_id: string; token_id: string; outcome: "Up" | "Down";
  side: "BUY" | "SELL"; type: string; price_micro: number; size_micro: number; filled_micro: number; status: "pending" | "live"; created_ts: number;
  post_only: number; expires_ts: number | null;
}

/** Working orders in the order they were placed, optionally of one market: what a restart must adopt or cancel. */
export function listOpenOrders(db: Db, marketId?: string): OpenOrder[] {
  const rows = (
    marketId === undefined
      ? stmt(db, "SELECT * FROM orders WHERE status IN ('pending','live') ORDER BY seq").all()
      : stmt(db, "SELECT * FROM orders WHERE status IN ('pending','live') AND market_id = ? ORDER BY seq").all(marketId)
  ) as Raw[];
  return rows.map((r) => ({
    orderId: r.order_id, intentId: r.intent_id, agentId: r.agent_id, marketId: r.market_id, tokenId: r.token_id, outcome: r.outcome,
    side: r.side, type: r.type, price: r.price_micro, size: r.size_micro, filled: r.filled_micro, status: r.status, createdTs: r.created_ts,
    postOnly: r.post_only === 1, ...(r.expires_ts !== null ? { expiresAt: r.expires_ts } : {}),
  }));
}

/** The ledger's order for a venue order id, if any. */
export function orderById(db: Db, orderId: string): { orderId: string; intentId: string; agentId: string; marketId: string; status: string; size: number; filled: number } | undefined {
  const r = stmt(db, "SELECT order_id, intent_id, agent_id, market_id, status, size_micro, filled_micro FROM orders WHERE order_id = ?").get(orderId) as
    | { order_id: string; intent_id: string; agent_id: string; market_id: string; status: string; size_micro: number; filled_micro: number }
    | undefined;
  return r && { orderId: r.order_id, intentId: r.intent_id, agentId: r.agent_id, marketId: r.market_id, status: r.status, size: r.size_micro, filled: r.filled_micro };
}

/** Whether an intent already has an order (a replayed or retried intent must not get a second). */
export function intentKnown(db: Db, intentId: string): boolean {
  return stmt(db, "SELECT 1 FROM orders WHERE intent_id = ?").get(intentId) !== undefined;
}

import type { Db } from "./openDb.ts";
import { scalar, stmt } from "./stmt.ts";

export interface OrderRow {
  orderId: string;
  intentId: string;
  agentId: string;
  marketId: string;
  tokenId: string;
  outcome: "Up" | "Down";
  side: "BUY" | "SELL";
  type: string;
  price: number;
  size: number;
  status: "pending" | "live" | "filled" | "partial" | "cancelled" | "expired" | "rejected";
  reason?: string | undefined;
  /** Rest only: refused if it would take liquidity. */
  postOnly?: boolean | undefined;
  /** GTD only: floor time (ms) at which the order expires; ignored for other types. */
  expiresAt?: number | undefined;
  ts: number;
}

export interface FillRow {
  fillId: string;
  orderId: string;
  agentId: string;
  marketId: string;
  outcome: "Up" | "Down";
  side: "BUY" | "SELL";
  price: number;
  size: number;
  feeShares: number;
  feeUsd: number;
  cashDelta: number;
  sharesDelta: number;
  liquidity?: "maker" | "taker";
  /** Rebate accrued, maker or taker by `liquidity` (paid by the venue later, so not in cash). */
  rebate?: number;
  ts: number;
}

/**
 * Insert an order unless its intent id is already known; returns the stored order id and
 * whether it was new. A retried or replayed intent never creates a second order.
 */
export function recordOrder(db: Db, o: OrderRow): { orderId: string; created: boolean } {
  const existing = stmt(db, "SELECT order_id FROM orders WHERE intent_id = ?").get(o.intentId) as { order_id: string } | undefined;
  if (existing) return { orderId: existing.order_id, created: false };
  stmt(
    db,
    `INSERT INTO orders (order_id, intent_id, agent_id, market_id, token_id, outcome, side, type, price_micro, size_micro, status, reason, post_only, expires_ts, created_ts, updated_ts)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    o.orderId, o.intentId, o.agentId, o.marketId, o.tokenId, o.outcome, o.side, o.type, o.price, o.size, o.status, o.reason ?? null,
    o.postOnly ? 1 : 0, o.type === "GTD" ? o.expiresAt ?? null : null, o.ts, o.ts,
  );
  return { orderId: o.orderId, created: true };
}

export function setOrderStatus(db: Db, orderId: string, status: OrderRow["status"], ts: number, reason?: string): void {
  stmt(db, "UPDATE orders SET status = ?, reason = COALESCE(?, reason), updated_ts = ? WHERE order_id = ?").run(status, reason ?? null, ts, orderId);
}

/** Book a fill: the fill row, the cash movement, the position and the order's filled size, atomically. */
export const recordFill = (db: Db, f: FillRow): void =>
  db.transaction(() => {
    stmt(
      db,
      `INSERT INTO fills (fill_id, order_id, agent_id, market_id, outcome, side, price_micro, size_micro, fee_shares_micro, fee_usd_micro, cash_delta_micro, shares_delta_micro, liquidity, rebate_micro, ts)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(f.fillId, f.orderId, f.agentId, f.marketId, f.outcome, f.side, f.price, f.size, f.feeShares, f.feeUsd, f.cashDelta, f.sharesDelta, f.liquidity ?? "taker", f.rebate ?? 0, f.ts);
    addCash(db, f.agentId, f.cashDelta, "fill", f.fillId, f.ts);
    // A position's cost is the net cash spent on it, so settlement PnL is payout minus cost, fees included.
    stmt(
      db,
      `INSERT INTO positions (agent_id, market_id, outcome, shares_micro, cost_micro) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(agent_id, market_id, outcome) DO UPDATE SET shares_micro = shares_micro + excluded.shares_micro, cost_micro = cost_micro + excluded.cost_micro`,
    ).run(f.agentId, f.marketId, f.outcome, f.sharesDelta, -f.cashDelta);
    stmt(db, "UPDATE orders SET filled_micro = filled_micro + ?, updated_ts = ? WHERE order_id = ?").run(f.size, f.ts, f.orderId);
  })();

export function addCash(db: Db, agentId: string, delta: number, reason: "deposit" | "allocate" | "fill" | "settle", ref: string | null, ts: number): void {
  stmt(db, "INSERT INTO cash (agent_id, delta_micro, reason, ref, ts) VALUES (?, ?, ?, ?, ?)").run(agentId, delta, reason, ref, ts);
}

/** Move capital between accounts (the floor's and an agent's) as two cash rows. */
export const transferCash = (db: Db, from: string, to: string, amount: number, ref: string, ts: number): void =>
  db.transaction(() => {
    addCash(db, from, -amount, "allocate", ref, ts);
    addCash(db, to, amount, "allocate", ref, ts);
  })();

export function cashOf(db: Db, agentId: string): number {
  return scalar(db, "SELECT SUM(delta_micro) AS n FROM cash WHERE agent_id = ?", agentId);
}

/** Every capital transfer (an `allocate` row: + to the account, − from it) after `afterSeq`, oldest first. */
export function allocationsSince(db: Db, afterSeq: number): Array<{ seq: number; agentId: string; amount: number; ts: number }> {
  const rows = stmt(db, "SELECT seq, agent_id, delta_micro, ts FROM cash WHERE seq > ? AND reason = 'allocate' ORDER BY seq").raw().all(afterSeq) as Array<[number, string, number, number]>;
  return rows.map(([seq, agentId, amount, ts]) => ({ seq, agentId, amount, ts }));
}

/** Capital the floor has allocated to an agent (net of any returned). */
export function allocatedOf(db: Db, agentId: string): number {
  return scalar(db, "SELECT SUM(delta_micro) AS n FROM cash WHERE agent_id = ? AND reason = 'allocate'", agentId);
}

/** Net cash spent on open positions: one agent's, or the whole floor's. */
export function openCostOf(db: Db, agentId?: string): number {
  return agentId === undefined
    ? scalar(db, "SELECT SUM(cost_micro) AS n FROM positions")
    : scalar(db, "SELECT SUM(cost_micro) AS n FROM positions WHERE agent_id = ?", agentId);
}

/** Shares of one outcome an agent holds in a market (micro-shares; 0 when none). */
export function sharesHeld(db: Db, agentId: string, marketId: string, outcome: string): number {
  return scalar(db, "SELECT shares_micro AS n FROM positions WHERE agent_id = ? AND market_id = ? AND outcome = ?", agentId, marketId, outcome);
}

/** Everything ever deposited into the floor. */
export function depositsOf(db: Db): number {
  return scalar(db, "SELECT SUM(delta_micro) AS n FROM cash WHERE reason = 'deposit'");
}

import { OrderType } from "../../protocols/index.ts";
import { listOpenOrders, marketProgress, type Db, type OpenOrder } from "../../state/index.ts";

export const MARKET_OVER = "cancelled at restart: market over while the floor was down";
export const ENDED_UNOPENED = "cancelled after restart: the market ended before the feed reopened it";
export const CLOSED_UNADOPTED = "cancelled after restart: the market closed before it traded again";
export const EXPIRED_DOWN = "expired while the floor was down";
export const EXPIRED_UNADOPTED = "expired after restart, before its market traded again";

/** A working order the restart keeps, to re-enter the engine once its market is trading again. */
export interface Adoptable extends OpenOrder {
  type: OrderType;
  /** The market's end (floor ms): past it, the order is cancelled if it was never adopted. */
  endTs: number;
}

export interface RestartPlan {
  adopt: Adoptable[];
  cancel: Array<{ order: OpenOrder; reason: string }>;
  /** GTD orders whose expiry passed while the floor was down (before their market ended). */
  expire: OpenOrder[];
}

/**
 * What a restart does with the orders the ledger still counts as working (pending or live), which
 * the new, empty matching engine does not know: expire the GTD orders whose expiry passed while the
 * floor was down (before their market ended), cancel those whose market is over (ended, closed,
 * resolved or unknown) and keep the rest for adoption: GTD orders with their expiry, post-only ones
 * still post-only. A GTD order recorded before the ledger kept expiries is cancelled: re-entering
 * it without one could outlive what the trader asked.
 */
export function planRestart(db: Db, now: number, holds: (orderId: string) => boolean = () => false): RestartPlan {
  const plan: RestartPlan = { adopt: [], cancel: [], expire: [] };
  for (const order of listOpenOrders(db)) {
    if (holds(order.orderId)) continue; // restored with the engine (an exact sim resume): still working where it was
    const m = marketProgress(db, order.marketId);
    const type = OrderType.safeParse(order.type);
    const expiry = type.data === "GTD" ? order.expiresAt : undefined;
    if (expiry !== undefined && expiry <= Math.min(now, m?.endTs ?? now)) plan.expire.push(order);
    else if (!m || m.endTs <= now || m.closed || m.resolved) plan.cancel.push({ order, reason: MARKET_OVER });
    else if (!type.success) plan.cancel.push({ order, reason: `cancelled at restart: unknown order type ${order.type}` });
    else if (type.data === "GTD" && expiry === undefined) plan.cancel.push({ order, reason: "cancelled at restart: a GTD order's expiry is not in the ledger" });
    else plan.adopt.push({ ...order, type: type.data, endTs: m.endTs });
  }
  return plan;
}

/** The audit body of one restart decision (`subjects.audit("reconcile")`). */
export function reconcileRecord(action: "adopted" | "cancelled" | "expired", o: OpenOrder, reason: string): Record<string, unknown> {
  return {
    kind: "reconcile",
    severity: "info",
    detail: {
      action, orderId: o.orderId, intentId: o.intentId, agentId: o.agentId, marketId: o.marketId, remaining: o.size - o.filled, reason,
      // What the order was, so a reader (or the auditor's fill checks) need not look it up.
      side: o.side, outcome: o.outcome, type: o.type, price: o.price, size: o.size, filled: o.filled,
      ...(o.postOnly ? { postOnly: true } : {}), ...(o.expiresAt !== undefined ? { expiresAt: o.expiresAt } : {}),
    },
  };
}

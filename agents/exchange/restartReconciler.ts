import { subjects } from "../../protocols/index.ts";
import { reconcileLedger, setOrderStatus, type OpenOrder } from "../../state/index.ts";
import type { AgentContext } from "../../floor/host/index.ts";
import { settleLeftovers } from "./settleResolved.ts";
import { ENDED_UNOPENED, EXPIRED_DOWN, EXPIRED_UNADOPTED, planRestart, reconcileRecord, type Adoptable } from "./reconcileOpenOrders.ts";

export interface RestartReconciler {
  /** At start: check the ledger, expire GTD orders whose expiry passed meanwhile, cancel orphans whose market is over, keep the rest for adoption; orders the engine `holds` (restored) are left alone. */
  start(holds?: (orderId: string) => boolean): void;
  /** Orders waiting for `marketId` to trade again, handed over (and forgotten) for adoption; a GTD order already past its expiry is expired instead. */
  take(marketId: string): Adoptable[];
  /** Record an adoption the engine accepted. */
  adopted(o: OpenOrder): void;
  /** Cancel a working order the engine will never hold: the ledger, the trader and the audit log. */
  cancel(o: OpenOrder, reason: string): void;
  /** The market closed or resolved: whatever still waits for it is cancelled. */
  marketOver(marketId: string, reason: string): void;
  /** Each clock step: deliver held order events, expire waiting GTD orders past their expiry, cancel orders whose market ended unopened. */
  tick(now: number): void;
}

/**
 * Start-up reconciliation of the paper exchange. Positions left in resolved markets are settled
 * first (settleLeftovers), so the ledger check finds only what start-up cannot mend. Its matching
 * engine lives in memory, so after a restart on the same state file the orders the ledger counts
 * as working are unknown to it: each is cancelled or adopted, every decision is audited (kind
 * "reconcile"), and the ledger's running figures are checked against its rows (a difference is a
 * "violation"). A floor that never restarted has nothing to reconcile and publishes nothing here.
 */
export function restartReconciler(ctx: Pick<AgentContext, "db" | "clock" | "log" | "publish">): RestartReconciler {
  const waiting = new Map<string, Adoptable[]>();
  // The exchange starts before the traders (floorAgents' order), so order events decided at start
  // are held until the first clock step, when every agent is subscribed; audit records are not
  // (the auditor starts first).
  let held: Array<[string, Record<string, unknown>]> | undefined = [];
  const audit = (body: Record<string, unknown>) => ctx.publish(subjects.audit("reconcile"), body);

  const self: RestartReconciler = {
    start(holds) {
      const now = ctx.clock.now();
      settleLeftovers(ctx.db, now, (...e) => tell(e), audit);
      for (const d of reconcileLedger(ctx.db)) audit({ kind: "reconcile", severity: "violation", detail: { action: "ledger-check", ...d } });
      const plan = planRestart(ctx.db, now, holds);
      for (const o of plan.expire) end(o, "expired", EXPIRED_DOWN);
      for (const { order, reason } of plan.cancel) self.cancel(order, reason);
      for (const o of plan.adopt) waiting.set(o.marketId, [...(waiting.get(o.marketId) ?? []), o]);
      if (plan.expire.length + plan.cancel.length + plan.adopt.length > 0) {
        ctx.log.info({ expired: plan.expire.length, cancelled: plan.cancel.length, awaiting: plan.adopt.length }, "orders left working by the last run reconciled");
      }
    },
    take(marketId) {
      expireWaiting(marketId, ctx.clock.now());
      const os = waiting.get(marketId) ?? [];
      waiting.delete(marketId);
      return os;
    },
    adopted(o) {
      audit(reconcileRecord("adopted", o, "re-entered at the back of the queue when its market traded again"));
    },
    cancel(o, reason) {
      end(o, "cancelled", reason);
    },
    marketOver(marketId, reason) {
      for (const o of self.take(marketId)) self.cancel(o, reason);
    },
    tick(now) {
      if (held) {
        const out = held;
        held = undefined;
        for (const e of out) ctx.publish(...e);
      }
      for (const marketId of [...waiting.keys()]) expireWaiting(marketId, now);
      for (const [marketId, os] of waiting) if (os[0] && os[0].endTs <= now) self.marketOver(marketId, ENDED_UNOPENED);
    },
  };

  /** An order event for the traders: held until the first step, when they are subscribed. */
  function tell(event: [string, Record<string, unknown>]): void {
    if (held) held.push(event);
    else ctx.publish(...event);
  }

  /** End a working order the engine will never hold: the ledger (an expiry is "expired" as the engine books it), the trader and the audit log. */
  function end(o: OpenOrder, action: "cancelled" | "expired", reason: string): void {
    const status = action === "expired" ? "expired" : o.filled > 0 ? "partial" : "cancelled";
    setOrderStatus(ctx.db, o.orderId, status, ctx.clock.now(), reason);
    tell([subjects.orderEvent(o.agentId), { type: "cancel", agentId: o.agentId, intentId: o.intentId, orderId: o.orderId, remaining: o.size - o.filled, reason }]);
    audit(reconcileRecord(action, o, reason));
  }

  /** GTD orders still waiting for their market whose expiry has come: expired, as the engine would have. */
  function expireWaiting(marketId: string, now: number): void {
    const os = waiting.get(marketId) ?? [];
    const due = os.filter((o) => o.expiresAt !== undefined && o.expiresAt <= now);
    if (due.length === 0) return;
    const rest = os.filter((o) => !due.includes(o));
    if (rest.length > 0) waiting.set(marketId, rest);
    else waiting.delete(marketId);
    for (const o of due) end(o, "expired", EXPIRED_UNADOPTED);
  }

  return self;
}

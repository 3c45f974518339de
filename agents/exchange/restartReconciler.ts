import { subjects } from "../../protocols/index.ts";
import { reconcileLedger, setOrderStatus, type OpenOrder } from "../../state/index.ts";
import type { AgentContext } from "../../floor/host/index.ts";
import { ENDED_UNOPENED, planRestart, reconcileRecord, type Adoptable } from "./reconcileOpenOrders.ts";

export interface RestartReconciler {
  /** At start: check the ledger, cancel orphans whose market is over, keep the rest for adoption. */
  start(): void;
  /** Orders waiting for `marketId` to trade again, handed over (and forgotten) for adoption. */
  take(marketId: string): Adoptable[];
  /** Record an adoption the engine accepted. */
  adopted(o: OpenOrder): void;
  /** Cancel a working order the engine will never hold: the ledger, the trader and the audit log. */
  cancel(o: OpenOrder, reason: string): void;
  /** The market closed or resolved: whatever still waits for it is cancelled. */
  marketOver(marketId: string, reason: string): void;
  /** Each clock step: deliver held order events, cancel orders whose market ended unopened. */
  tick(now: number): void;
}

/**
 * Start-up reconciliation of the paper exchange. Its matching engine lives in memory, so after a
 * restart on the same state file the orders the ledger counts as working are unknown to it: each
 * is cancelled or adopted, every decision is audited (kind "reconcile"), and the ledger's running
 * figures are checked against its rows (a difference is a "violation"). A floor that never
 * restarted has nothing to reconcile and publishes nothing here.
 */
export function restartReconciler(ctx: Pick<AgentContext, "db" | "clock" | "log" | "publish">): RestartReconciler {
  const waiting = new Map<string, Adoptable[]>();
  // The exchange starts before the traders (floorAgents' order), so order events decided at start
  // are held until the first clock step, when every agent is subscribed; audit records are not
  // (the auditor starts first).
  let held: Array<[string, Record<string, unknown>]> | undefined = [];
  const audit = (body: Record<string, unknown>) => ctx.publish(subjects.audit("reconcile"), body);

  const self: RestartReconciler = {
    start() {
      const now = ctx.clock.now();
      for (const d of reconcileLedger(ctx.db)) audit({ kind: "reconcile", severity: "violation", detail: { action: "ledger-check", ...d } });
      const plan = planRestart(ctx.db, now);
      for (const { order, reason } of plan.cancel) self.cancel(order, reason);
      for (const o of plan.adopt) waiting.set(o.marketId, [...(waiting.get(o.marketId) ?? []), o]);
      if (plan.cancel.length + plan.adopt.length > 0) ctx.log.info({ cancelled: plan.cancel.length, awaiting: plan.adopt.length }, "orders left working by the last run reconciled");
    },
    take(marketId) {
      const os = waiting.get(marketId) ?? [];
      waiting.delete(marketId);
      return os;
    },
    adopted(o) {
      audit(reconcileRecord("adopted", o, "re-entered at the back of the queue when its market traded again"));
    },
    cancel(o, reason) {
      const remaining = o.size - o.filled;
      setOrderStatus(ctx.db, o.orderId, o.filled > 0 ? "partial" : "cancelled", ctx.clock.now(), reason);
      const event: [string, Record<string, unknown>] = [subjects.orderEvent(o.agentId), { type: "cancel", agentId: o.agentId, intentId: o.intentId, orderId: o.orderId, remaining, reason }];
      if (held) held.push(event);
      else ctx.publish(...event);
      audit(reconcileRecord("cancelled", o, reason));
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
      for (const [marketId, os] of waiting) if (os[0] && os[0].endTs <= now) self.marketOver(marketId, ENDED_UNOPENED);
    },
  };
  return self;
}

import { families } from "../../protocols/index.ts";
import { appendAudit, listOpenOrders, type AuditEntry } from "../../state/index.ts";
import { fromBoss, route, type AgentSpec } from "../../floor/host/index.ts";
import { auditorMachine } from "./auditorMachine.ts";
import { checkFill, type ApprovedOrder } from "./checkFill.ts";
import { dailyDigests, type DigestOptions } from "./dailyDigests.ts";

export interface AuditorOptions {
  /** Write the daily digest at each UTC midnight of floor time (docs/DIGEST.md); none when absent. */
  digests?: DigestOptions | undefined;
}

/**
 * The auditor writes every intent, decision, order event, lifecycle fact and reported problem
 * into the hash-chained audit log, and checks each fill against the decision that allowed it.
 */
export function auditorAgent(id = "auditor", options: AuditorOptions = {}): AgentSpec {
  return {
    id,
    kind: "auditor",
    config: {},
    create(ctx) {
      let approved = new Map<string, ApprovedOrder & { filled: number; marketId: string }>();
      const digests = options.digests && dailyDigests({ ...options.digests, db: ctx.db, log: ctx.log, now: () => ctx.clock.now(), publish: (s, b) => ctx.publish(s, b) });

      function write(e: Omit<AuditEntry, "ts">, ts: number): void {
        try {
          appendAudit(ctx.db, { ...e, ts });
          ctx.send({ type: "WRITTEN", violation: e.severity === "violation" });
        } catch (err) {
          ctx.log.error({ err }, "audit write failed");
          ctx.send({ type: "WRITE_FAILED", error: String(err) });
        }
      }

      return {
        machine: auditorMachine,
        machineVersion: "auditor@1",
        // Orders still working from a previous run were approved then: their later fills are checked against it.
        // An exact sim resume brings back every approval it held, with what has filled since (docs/RESUME.md).
        save: () => new Map([...approved].map(([k, a]) => [k, { ...a }])),
        restore(state) {
          approved = state as typeof approved;
        },
        onStart() {
          for (const o of listOpenOrders(ctx.db)) if (!approved.has(o.intentId)) approved.set(o.intentId, { side: o.side, price: o.price, size: o.size, filled: o.filled, marketId: o.marketId });
        },
        onTick: digests && ((now: number) => digests.onTick(now)),
        onStop: digests && (() => digests.onStop()),
        routes: [
          route(families.intent, (m, subject) => {
            write({ kind: "intent", severity: "info", src: m.src, subject, detail: { intentId: m.intentId, marketId: m.marketId, outcome: m.outcome, side: m.side, price: m.price, size: m.size, belief: m.belief } }, m.ts);
          }),
          // A decision from anyone but the boss is no approval: it becomes a violation, not an "approved" row to check fills against.
          route(families.decision, fromBoss(ctx, (m, subject) => {
            const i = m.intent;
            if (m.approved) approved.set(i.intentId, { side: i.side, price: i.price, size: i.size, filled: 0, marketId: i.marketId });
            write({ kind: m.approved ? "approved" : "rejected", severity: "info", src: m.src, subject, detail: { intentId: i.intentId, agentId: i.agentId, price: i.price, size: i.size, ...(m.requestedSize !== undefined ? { requestedSize: m.requestedSize } : {}), ...(m.reason ? { reason: m.reason } : {}) } }, m.ts);
          })),
          // A trader taking back its own orders: recorded, never approved (a cancel adds no risk).
          route(families.cancel, (m, subject) => {
            write({ kind: "cancel_request", severity: "info", src: m.src, subject, detail: { agentId: m.agentId, ...(m.marketId ? { marketId: m.marketId } : {}), ...(m.intentId ? { intentId: m.intentId } : {}), reason: m.reason } }, m.ts);
          }),
          route(families.orderEvent, (m, subject) => {
            const { v: _v, id: _id, ts, src, ...detail } = m;
            write({ kind: `order_${m.type}`, severity: "info", src, subject, detail }, ts);
            if (m.type === "fill") {
              const a = approved.get(m.intentId);
              const broken = checkFill(m, a, a?.filled ?? 0);
              if (a) a.filled += m.size;
              if (broken) write({ kind: "fill_violation", severity: "violation", src: id, subject, detail: { rule: broken, intentId: m.intentId, fillId: m.fillId } }, ts);
            }
            // A settled market's orders are done: forget them so the map stays small.
            if (m.type === "reversal") {
              const a = approved.get(m.intentId);
              if (a) a.filled -= m.size; // the venue failed it: that size may fill again
            }
            if (m.type === "settle") for (const [k, a] of approved) if (a.marketId === m.marketId) approved.delete(k);
          }),
          route(families.life, (m, subject) => {
            write({ kind: `agent_${m.verb}`, severity: m.verb === "failed" ? "error" : "info", src: m.src, subject, detail: { agentId: m.agentId, kind: m.kind, ...(m.parentId ? { parentId: m.parentId } : {}), ...(m.by ? { by: m.by } : {}), ...(m.reason ? { reason: m.reason } : {}), ...(m.reborn ? { reborn: true } : {}) } }, m.ts);
          }),
          // Data health transitions (stale, gaps, reconnects and the return to ok) are part of the record.
          route(families.health, (m, subject) => {
            const { v: _v, id: _id, ts, src, ...detail } = m;
            write({ kind: `feed_${m.status}`, severity: "info", src, subject, detail }, ts);
          }),
          route(families.audit, (m, subject) => {
            write({ kind: m.kind, severity: m.severity, src: m.src, subject: m.subject ?? subject, detail: m.detail }, m.ts);
          }),
        ],
      };
    },
  };
}

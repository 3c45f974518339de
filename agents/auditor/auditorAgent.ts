import { families } from "../../protocols/index.ts";
import { appendAudit, type AuditEntry } from "../../state/index.ts";
import { fromBoss, route, type AgentSpec } from "../../floor/host/index.ts";
import { auditorChecks, type AuditedFloor } from "./auditorChecks.ts";
import { auditorMachine } from "./auditorMachine.ts";
import { AuditorMemory } from "./AuditorMemory.ts";
import { dailyDigests, type DigestOptions } from "./dailyDigests.ts";

export interface AuditorOptions {
  /** Write the daily digest at each UTC midnight of floor time (docs/DIGEST.md); none when absent. */
  digests?: DigestOptions | undefined;
}

/**
 * The auditor writes every intent, decision, order event, lifecycle fact and reported problem
 * into the hash-chained audit log, and checks what happens independently of the boss
 * (auditorChecks.ts): a violation is an `audit.violation` fact and halts the agent concerned.
 * Without the floor's capital and limits (`floor`), the limit checks are skipped.
 */
export function auditorAgent(id = "auditor", floor?: AuditedFloor, options: AuditorOptions = {}): AgentSpec {
  return {
    id,
    kind: "auditor",
    config: {},
    create(ctx) {
      const memory = new AuditorMemory(ctx.db);
      let restored = false;
      const checks = auditorChecks(ctx, memory, floor);
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
        machineVersion: "auditor@2",
        // An exact sim resume brings back everything it remembered (docs/RESUME.md); any other start
        // rebuilds the approvals and fill ids of unresolved markets from the ledger: the orders of the
        // previous run were approved then, and their later fills are checked against that.
        save: () => memory.save(),
        restore(state) {
          memory.load(state as ReturnType<AuditorMemory["save"]>);
          restored = true;
        },
        onStart() {
          if (!restored) memory.rebuild();
        },
        onTick: (now) => {
          checks.tick(now);
          digests?.onTick(now);
        },
        // At the stop the routes are gone: the auditor would not hear its own violation, so it writes it.
        onStop: () => {
          checks.ledger((f) => write({ ...f, src: id }, ctx.clock.now()));
          return digests?.onStop();
        },
        routes: [
          route(families.intent, (m, subject) => {
            write({ kind: "intent", severity: "info", src: m.src, subject, detail: { intentId: m.intentId, marketId: m.marketId, outcome: m.outcome, side: m.side, price: m.price, size: m.size, belief: m.belief } }, m.ts);
          }),
          // A decision from anyone but the boss is no approval: it becomes a violation, not an "approved" row to check fills against.
          route(families.decision, fromBoss(ctx, (m, subject) => {
            const i = m.intent;
            write({ kind: m.approved ? "approved" : "rejected", severity: "info", src: m.src, subject, detail: { intentId: i.intentId, agentId: i.agentId, price: i.price, size: i.size, ...(m.requestedSize !== undefined ? { requestedSize: m.requestedSize } : {}), ...(m.reason ? { reason: m.reason } : {}) } }, m.ts);
            if (m.approved) checks.decision(m, subject);
          })),
          // A trader taking back its own orders: recorded, never approved (a cancel adds no risk).
          route(families.cancel, (m, subject) => {
            write({ kind: "cancel_request", severity: "info", src: m.src, subject, detail: { agentId: m.agentId, ...(m.marketId ? { marketId: m.marketId } : {}), ...(m.intentId ? { intentId: m.intentId } : {}), reason: m.reason } }, m.ts);
          }),
          route(families.orderEvent, (m, subject) => {
            const { v: _v, id: _id, ts, src, ...detail } = m;
            write({ kind: `order_${m.type}`, severity: "info", src, subject, detail }, ts);
            if (m.type === "fill") checks.fill(m, subject);
            if (m.type === "settle") checks.settle(m, subject);
            const a = m.type === "reversal" || m.type === "cancel" || m.type === "reject" ? memory.approved.get(m.intentId) : undefined;
            if (a && m.type === "reversal") Object.assign(a, { filled: a.filled - m.size, open: true }); // the venue failed it: that size may fill again
            else if (a) a.open = false;
          }),
          route(families.life, (m, subject) => {
            write({ kind: `agent_${m.verb}`, severity: m.verb === "failed" ? "error" : "info", src: m.src, subject, detail: { agentId: m.agentId, kind: m.kind, ...(m.parentId ? { parentId: m.parentId } : {}), ...(m.by ? { by: m.by } : {}), ...(m.reason ? { reason: m.reason } : {}), ...(m.reborn ? { reborn: true } : {}) } }, m.ts);
          }),
          // Data health transitions (stale, gaps, reconnects and the return to ok) are part of the record.
          route(families.health, (m, subject) => {
            const { v: _v, id: _id, ts, src, ...detail } = m;
            write({ kind: `feed_${m.status}`, severity: "info", src, subject, detail }, ts);
          }),
          route(families.market, (e) => {
            if (e.phase === "open") memory.open(e);
            if (e.phase === "resolved") memory.resolved(e.marketId, e.outcome);
          }),
          // Top of book only: what a taker fill's price is checked against.
          route(families.book, (b) => memory.book(b)),
          route(families.audit, (m, subject) => {
            write({ kind: m.kind, severity: m.severity, src: m.src, subject: m.subject ?? subject, detail: m.detail }, m.ts);
          }),
        ],
      };
    },
  };
}

import { ENDING_VERBS, families, microFromNumber, subjects, type FeeSchedule, type RiskConfig } from "../../protocols/index.ts";
import { addCash, agentRecord, allocatedOf, cashOf, depositsOf, marketFee, transferCash } from "../../state/index.ts";
import { route, type AgentSpec } from "../../floor/host/index.ts";
import { bossMachine } from "./bossMachine.ts";
import { exposureOf } from "./exposureOf.ts";
import { Freshness, type FreshnessState } from "./Freshness.ts";

/**
 * The floor boss: deposits the floor's capital once, gives each trader that is born its
 * allocation (a ledger transfer, then `ctl.<id>.allocate`), audits both, and gates every intent, including
 * on the age of the market data it has seen. A retired or failed trader's cash comes back to the floor:
 * what it holds when it retires or fails, then each payout as its positions settle.
 */
export function bossAgent(id: string, floor: { capital: number; risk: RiskConfig }): AgentSpec {
  return {
    id,
    kind: "boss",
    config: floor,
    create(ctx) {
      const capital = microFromNumber(floor.capital);
      const fresh = new Freshness(floor.risk.maxDataAgeSec * 1000);
      // Each open market's fee schedule, as its open announced it (a buy's pUSD fee is part of its cost).
      // After a restart, until the feed announces a market again, the ledger's record of its open serves.
      const fees = new Map<string, FeeSchedule>();

      function allocate(agentId: string, reborn: boolean): void {
        let amount = allocatedOf(ctx.db, agentId);
        if (amount <= 0 || reborn) {
          // Never hand out more than the floor holds: late-born agents get what is left, or nothing.
          amount = Math.min(Math.floor(capital * floor.risk.perAgentMaxPct), cashOf(ctx.db, "floor"));
          if (amount <= 0) {
            ctx.log.warn({ agentId }, "no capital left to allocate");
            ctx.publish(subjects.audit("allocation"), { kind: "allocation", severity: "info", detail: { agentId, allocated: 0, reason: "no unallocated capital left on the floor" } });
            return;
          }
          // A retired id born again is a new allocation: its ref says when, so each transfer keeps a key of its own.
          const ref = reborn ? `allocate-${agentId}@${ctx.clock.now()}` : `allocate-${agentId}`;
          transferCash(ctx.db, "floor", agentId, amount, ref, ctx.clock.now());
          // Every movement of money is audited, as the ledger booked it (audit verify matches the two).
          ctx.publish(subjects.audit("transfer"), { kind: "transfer", severity: "info", detail: { from: "floor", to: agentId, amount, ref } });
        }
        // Re-announced on every birth or restart, so an agent that lost its memory learns its capital again.
        ctx.publish(subjects.ctl(agentId, "allocate"), { verb: "allocate", capital: amount });
      }

      /** Move what a retired or failed agent's account holds back to the floor; `reason` says why, in the audit. */
      function sweep(agentId: string, ref: string, reason: string): void {
        const amount = cashOf(ctx.db, agentId);
        if (amount <= 0) return;
        transferCash(ctx.db, agentId, "floor", amount, ref, ctx.clock.now());
        ctx.publish(subjects.audit("transfer"), { kind: "transfer", severity: "info", detail: { from: agentId, to: "floor", amount, ref, reason } });
      }

      return {
        machine: bossMachine,
        machineVersion: "boss@1",
        input: { risk: floor.risk },
        routes: [
          route(families.life, (m) => {
            if (m.kind !== "trader") return;
            if (m.verb === "spawn" || m.verb === "restarted" || m.verb === "reconfigured") allocate(m.agentId, m.reborn === true);
            if (ENDING_VERBS.has(m.verb)) sweep(m.agentId, `return-${m.agentId}@${ctx.clock.now()}`, `${m.verb}: ${m.reason ?? "no reason given"}`);
          }),
          // Positions of a retired or failed trader settle under the exchange; their payouts go back to the floor as they come.
          route(families.orderEvent, (e) => {
            if (e.type !== "settle") return;
            const dead = agentRecord(ctx.db, e.agentId);
            if (dead?.diedTs != null) sweep(e.agentId, `return-${e.agentId}@${e.ts}-${e.marketId}`, `payout of ${e.marketId} to a ${dead.state} agent`);
          }),
          route(families.intent, (i) => {
            const { v: _v, id: _id, ts: _ts, src: _src, ...intent } = i;
            const fee = fees.get(i.marketId) ?? marketFee(ctx.db, i.marketId);
            ctx.send({ type: "INTENT", intent, exposure: exposureOf(ctx.db, i.agentId, capital, fresh.at(ctx.clock.now(), i.marketId), fee) });
          }),
          // The boss watches the data's age itself: a feed that dies silently sends no health event.
          route(families.spot, (t) => fresh.spot(t.ts)),
          route(families.book, (b) => fresh.book(b.marketId, b.ts)),
          route(families.market, (e) => {
            if (e.phase === "open") fees.set(e.marketId, e.fee);
            if (e.phase === "resolved") {
              fresh.forget(e.marketId);
              fees.delete(e.marketId);
            }
          }),
          route(families.health, (h) => fresh.cadence(h.expectedIntervalMs)),
        ],
        save: () => fresh.save(),
        restore: (state) => fresh.load(state as FreshnessState),
        onStart() {
          if (depositsOf(ctx.db) !== 0) return;
          addCash(ctx.db, "floor", capital, "deposit", "initial capital", ctx.clock.now());
          ctx.publish(subjects.audit("deposit"), { kind: "deposit", severity: "info", detail: { agentId: "floor", amount: capital, ref: "initial capital" } });
        },
      };
    },
  };
}

import { families, microFromNumber, subjects, type RiskConfig } from "../../protocols/index.ts";
import { addCash, allocatedOf, cashOf, depositsOf, transferCash } from "../../state/index.ts";
import { route, type AgentSpec } from "../../floor/host/index.ts";
import { bossMachine } from "./bossMachine.ts";
import { exposureOf } from "./exposureOf.ts";
import { Freshness, type FreshnessState } from "./Freshness.ts";

/**
 * The floor boss: deposits the floor's capital once, gives each trader that is born its
 * allocation (a ledger transfer, then `ctl.<id>.allocate`), audits both, and gates every intent, including
 * on the age of the market data it has seen.
 */
export function bossAgent(id: string, floor: { capital: number; risk: RiskConfig }): AgentSpec {
  return {
    id,
    kind: "boss",
    config: floor,
    create(ctx) {
      const capital = microFromNumber(floor.capital);
      const fresh = new Freshness(floor.risk.maxDataAgeSec * 1000);

      function allocate(agentId: string): void {
        let amount = allocatedOf(ctx.db, agentId);
        if (amount <= 0) {
          // Never hand out more than the floor holds: late-born agents get what is left, or nothing.
          amount = Math.min(Math.floor(capital * floor.risk.perAgentMaxPct), cashOf(ctx.db, "floor"));
          if (amount <= 0) {
            ctx.log.warn({ agentId }, "no capital left to allocate");
            ctx.publish(subjects.audit("allocation"), { kind: "allocation", severity: "info", detail: { agentId, allocated: 0, reason: "no unallocated capital left on the floor" } });
            return;
          }
          const ref = `allocate-${agentId}`;
          transferCash(ctx.db, "floor", agentId, amount, ref, ctx.clock.now());
          // Every movement of money is audited, as the ledger booked it (audit verify matches the two).
          ctx.publish(subjects.audit("transfer"), { kind: "transfer", severity: "info", detail: { from: "floor", to: agentId, amount, ref } });
        }
        // Re-announced on every birth or restart, so an agent that lost its memory learns its capital again.
        ctx.publish(subjects.ctl(agentId, "allocate"), { verb: "allocate", capital: amount });
      }

      return {
        machine: bossMachine,
        machineVersion: "boss@1",
        input: { risk: floor.risk },
        routes: [
          route(families.life, (m) => {
            if ((m.verb === "spawn" || m.verb === "restarted") && m.kind === "trader") allocate(m.agentId);
          }),
          route(families.intent, (i) => {
            const { v: _v, id: _id, ts: _ts, src: _src, ...intent } = i;
            ctx.send({ type: "INTENT", intent, exposure: exposureOf(ctx.db, i.agentId, capital, fresh.at(ctx.clock.now(), i.marketId)) });
          }),
          // The boss watches the data's age itself: a feed that dies silently sends no health event.
          route(families.spot, (t) => fresh.spot(t.ts)),
          route(families.book, (b) => fresh.book(b.marketId, b.ts)),
          route(families.market, (e) => (e.phase === "resolved" ? fresh.forget(e.marketId) : undefined)),
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

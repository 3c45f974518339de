import { ENDING_VERBS, families, microFromNumber, SelectionConfig, subjects, type RiskConfig } from "../../protocols/index.ts";
import { addCash, agentRecord, allocatedOf, cashOf, depositsOf, riskFigures, transferCash } from "../../state/index.ts";
import { route, type AgentSpec } from "../../floor/host/index.ts";
import { bossMachine, type BossInput } from "./bossMachine.ts";
import { bossReview } from "./bossReview.ts";
import { bossRisk } from "./bossRisk.ts";

/**
 * The floor boss: deposits the floor's capital once, gives each trader that is born its
 * allocation (a ledger transfer, then `ctl.<id>.allocate`), audits both, and gates every intent
 * through its risk gate and breakers (bossRisk.ts; docs/BOSS.md, "Risk gate"), and reviews the
 * traders on a schedule: kills, clones and capital by their records (bossReview.ts, "Selection").
 * A clone is born on probation (a small allocation); the floor's starting roster gets the
 * per-agent share. A retired or failed trader's cash comes back to the floor: what it holds when
 * it goes, then each payout as its positions settle.
 */
export function bossAgent(id: string, floor: { capital: number; risk: RiskConfig; selection?: SelectionConfig }): AgentSpec {
  return {
    id,
    kind: "boss",
    config: floor,
    create(ctx) {
      const capital = microFromNumber(floor.capital);
      const risk = bossRisk(ctx, { capital, risk: floor.risk });
      const selection = floor.selection ?? SelectionConfig.parse({});
      const review = bossReview(ctx, { capital, risk: floor.risk, selection });
      // Before the first deposit the ledger holds nothing: the book starts from the capital about to be deposited.
      const input: BossInput = { risk: floor.risk, equity: depositsOf(ctx.db) === 0 ? capital : riskFigures.realisedEquity(ctx.db), now: ctx.clock.now() };

      function allocate(agentId: string, reborn: boolean): void {
        let amount = allocatedOf(ctx.db, agentId);
        if (amount <= 0 || reborn) {
          // Never hand out more than the floor holds: late-born agents get what is left, or nothing.
          const share = Math.floor(capital * floor.risk.perAgentMaxPct);
          const clone = agentRecord(ctx.db, agentId)?.parentId != null;
          amount = Math.min(clone ? Math.min(share, Math.floor(capital * selection.probationPct)) : share, cashOf(ctx.db, "floor"));
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
        machineVersion: "boss@2",
        input,
        routes: [
          route(families.life, (m) => {
            if (m.kind !== "trader") return;
            if (m.verb === "spawn" || m.verb === "restarted" || m.verb === "reconfigured") {
              allocate(m.agentId, m.reborn === true);
              risk.born(m.agentId);
            }
            if (ENDING_VERBS.has(m.verb)) {
              sweep(m.agentId, `return-${m.agentId}@${ctx.clock.now()}`, `${m.verb}: ${m.reason ?? "no reason given"}`);
              risk.gone(m.agentId);
            }
          }),
          // Positions of a retired or failed trader settle under the exchange; their payouts go back to the floor as they come.
          route(families.orderEvent, (e) => {
            if (e.type !== "settle") return;
            const dead = agentRecord(ctx.db, e.agentId);
            if (dead?.diedTs != null) sweep(e.agentId, `return-${e.agentId}@${e.ts}-${e.marketId}`, `payout of ${e.marketId} to a ${dead.state} agent`);
          }),
          ...risk.routes,
        ],
        save: () => ({ risk: risk.save(), review: review.save() }),
        restore(state) {
          const s = state as { risk: unknown; review: unknown };
          risk.restore(s.risk);
          review.restore(s.review);
        },
        onTick(now) {
          risk.tick(now);
          review.tick(now);
        },
        onStart() {
          risk.start();
          review.start(ctx.clock.now());
          if (depositsOf(ctx.db) !== 0) return;
          addCash(ctx.db, "floor", capital, "deposit", "initial capital", ctx.clock.now());
          ctx.publish(subjects.audit("deposit"), { kind: "deposit", severity: "info", detail: { agentId: "floor", amount: capital, ref: "initial capital" } });
        },
      };
    },
  };
}

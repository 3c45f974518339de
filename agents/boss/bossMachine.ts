import { enqueueActions, setup } from "xstate";
import { type IntentFields, type RiskConfig, type VenueRateTier } from "../../protocols/index.ts";
import type { PublishEmitted } from "../../floor/host/index.ts";
import { floorMode, initialRisk, riskControls, riskMoves, stepRisk, take, type RiskEvent, type RiskState } from "./breakers/index.ts";
import { decide } from "./decide.ts";
import type { Exposure, Mode } from "./gate/index.ts";
import { isHeld, NO_HOLDS, operatorControls, type OperatorHolds, type OperatorOrder } from "./operatorHolds.ts";
import { riskMessages } from "./riskMessages.ts";
import { limitsInForce, ratesOf, retier } from "./venueTier.ts";

export interface BossContext {
  risk: RiskConfig;
  /** The risk book: breakers, the day's PnL, equity and its mark, streaks, the venue's buckets. */
  book: RiskState;
  approved: number;
  resized: number;
  rejected: number;
  /** The last intent decided and the size approved (0: rejected), for the agent's record of working buys. */
  last?: { intentId: string; size: number };
  /**
   * Traders the auditor halted: no breaker's pause, reduce or resume reaches them, so an automatic
   * resumption never lifts the auditor's halt. A rebirth (spawn, restart with a new config) clears it.
   */
  auditorHalts?: string[];
  /** The operator's holds (the dashboard's pauses): as the auditor's halts, no automatic control reaches a held trader. */
  operatorHolds?: OperatorHolds;
  /** The signer's rate tier the venue last reported (live only); absent, the configured `risk.venueTier` stands. */
  venueTier?: VenueRateTier;
}

export type BossEvent =
  | { type: "INTENT"; intent: IntentFields; exposure: Exposure; now: number }
  | { type: "RISK"; event: RiskEvent }
  /** A trader asked the venue to cancel: the signer's cancel bucket pays for it. */
  | { type: "CANCEL_SEEN"; now: number }
  | { type: "AUDITOR_HALT"; agentId: string }
  /** An operator paused or resumed a trader or the floor (`floor.operator.*`, from the dashboard). */
  | ({ type: "OPERATOR" } & OperatorOrder)
  /** Born again (spawned, restarted with a new config): a new life, free of an old halt. */
  | { type: "REBORN"; agentId: string }
  /** The live exchange read the signer's rate tier from the venue (its endpoint or a response header). */
  | { type: "VENUE_TIER"; tier: VenueRateTier; source: "read" | "header"; now: number };

export interface BossInput {
  risk: RiskConfig;
  /** Realised equity as the ledger has it, and the floor time the boss starts at (a book of its own replaces both). */
  equity: number;
  now: number;
}

const isMode = (m: Mode) => ({ context }: { context: BossContext }) => floorMode(context.book).mode === m;
const GUARD = { active: "floorActive", reducing: "floorReducing", halted: "floorHalted" } as const;
const follow = (from: Mode) => (["active", "reducing", "halted"] as const).filter((m) => m !== from).map((m) => ({ guard: GUARD[m], target: m }));

/**
 * The floor boss's judgement: every intent passes the risk gate and gets a decision (approved,
 * approved resized, or rejected with the reason); every fact that moves the risk book (a
 * settlement, an exchange answer, a spot move, floor time passing, a trader born or gone) may trip
 * or resume a breaker, which is audited and tells the traders concerned. Its states are the floor's
 * trading state, following the book.
 */
export const bossMachine = setup({
  types: { context: {} as BossContext, events: {} as BossEvent, input: {} as BossInput, emitted: {} as PublishEmitted },
  guards: {
    floorActive: isMode("active"),
    floorReducing: isMode("reducing"),
    floorHalted: isMode("halted"),
    // Floor time passing mostly changes nothing: no transition then. A trader born into a standing pause is told of it.
    moves: ({ context, event }) => event.type === "RISK" && riskMoves(context.book, event.event, context.risk),
  },
}).createMachine({
  id: "boss",
  context: ({ input }) => {
    const r = ratesOf(input.risk.venueTier);
    return { risk: input.risk, book: initialRisk(input.equity, input.now, { orders: r.orders.burst, cancels: r.cancels.burst }), approved: 0, resized: 0, rejected: 0 };
  },
  initial: "active",
  on: {
    INTENT: {
      actions: enqueueActions(({ context, event, enqueue }) => {
        const d = decide(context.book, limitsInForce(context.risk, context.venueTier), event.intent, event.exposure, event.now);
        enqueue.assign({ book: d.book, [d.outcome]: context[d.outcome] + 1, last: { intentId: event.intent.intentId, size: d.size } });
        enqueue.emit(d.decision);
      }),
    },
    RISK: {
      guard: "moves",
      actions: enqueueActions(({ context, event, enqueue }) => {
        const { state, changes } = stepRisk(context.book, event.event, context.risk);
        const born = event.event.type === "born" ? event.event.agentId : undefined;
        enqueue.assign({ book: state });
        const halts = context.auditorHalts ?? [];
        const controls = riskControls(context.book, state, born).filter((c) => !halts.includes(c.agentId) && !isHeld(context.operatorHolds, c.agentId));
        for (const m of riskMessages(changes, controls)) enqueue.emit(m);
      }),
    },
    AUDITOR_HALT: {
      actions: enqueueActions(({ context, event, enqueue }) => {
        const halts = context.auditorHalts ?? [];
        if (!halts.includes(event.agentId)) enqueue.assign({ auditorHalts: [...halts, event.agentId] });
      }),
    },
    OPERATOR: {
      actions: enqueueActions(({ context, event, enqueue }) => {
        const { type: _t, ...order } = event;
        const r = operatorControls(context.operatorHolds ?? NO_HOLDS, context.book, context.auditorHalts ?? [], order);
        enqueue.assign({ operatorHolds: r.holds });
        for (const m of riskMessages([], r.controls)) enqueue.emit(m);
      }),
    },
    REBORN: {
      guard: ({ context, event }) => (context.auditorHalts ?? []).includes(event.agentId) || isHeld(context.operatorHolds, event.agentId),
      actions: enqueueActions(({ context, event, enqueue }) => {
        enqueue.assign({ auditorHalts: (context.auditorHalts ?? []).filter((id) => id !== event.agentId) });
        // An operator's hold outlives a restart or a new config: the trader born again is told at once.
        if (isHeld(context.operatorHolds, event.agentId)) for (const m of riskMessages([], [{ agentId: event.agentId, verb: "pause", reason: "an operator's hold stands" }])) enqueue.emit(m);
      }),
    },
    CANCEL_SEEN: {
      actions: enqueueActions(({ context, event, enqueue }) => {
        const { cancels } = ratesOf(limitsInForce(context.risk, context.venueTier).venueTier);
        enqueue.assign({ book: { ...context.book, cancels: take(context.book.cancels, event.now, cancels) } });
      }),
    },
    // Live: the buckets follow the venue's tier, keeping what was spent (venueTier.ts); sim and paper keep the configured one.
    VENUE_TIER: {
      actions: enqueueActions(({ context, event, enqueue }) => {
        const from = limitsInForce(context.risk, context.venueTier).venueTier;
        if (from === event.tier) {
          if (context.venueTier === undefined) enqueue.assign({ venueTier: event.tier });
          return;
        }
        const r = retier(context.book, from, event.tier, event.now, event.source);
        enqueue.assign({ book: r.book, venueTier: event.tier });
        enqueue.emit(r.audit);
      }),
    },
  },
  states: {
    active: { always: follow("active") },
    reducing: { always: follow("reducing") },
    halted: { always: follow("halted") },
  },
});

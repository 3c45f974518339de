import { assign, emit, setup } from "xstate";
import { subjects } from "../../protocols/index.ts";
import type { PublishEmitted } from "../../floor/host/index.ts";
import type { Signal } from "./strategies/Strategy.ts";

export interface TraderContext {
  agentId: string;
  /** Allocated capital and the trader's own running cash, micro-USD. */
  capital: number;
  cash: number;
  warm: boolean;
  entries: number;
  /** Markets already entered: one entry per window, remembered across restarts. */
  entered: string[];
  rejected: number;
  wins: number;
  losses: number;
  consecutiveLosses: number;
  lastReason?: string;
}

export type TraderEvent =
  | { type: "ALLOCATE"; capital: number }
  | { type: "WARM" }
  | { type: "SIGNAL"; signal: Signal }
  | { type: "REJECTED"; reason: string }
  | { type: "FILLED"; cashDelta: number }
  | { type: "SETTLED"; payout: number; pnl: number; marketId: string }
  | { type: "PAUSE"; reason?: string }
  | { type: "RESUME" }
  | { type: "REDUCE"; reason?: string }
  | { type: "RETIRE"; reason?: string };

const intent = (c: TraderContext, s: Signal): PublishEmitted => ({
  type: "publish",
  subject: subjects.intent(c.agentId),
  body: { ...s, intentId: `${c.agentId}-${s.marketId}-e${c.entries + 1}`, agentId: c.agentId },
});

/**
 * A trader's life. It warms up until it has both capital and market history, then trades
 * (each strategy signal becomes one intent); `reducing` takes no new entries; `paused` waits
 * for the boss; `retired` is the end. Fills and settlements keep its cash and record.
 */
export const traderMachine = setup({
  types: { context: {} as TraderContext, events: {} as TraderEvent, input: {} as { agentId: string }, emitted: {} as PublishEmitted },
  guards: {
    ready: ({ context }) => context.warm && context.capital > 0,
    fresh: ({ context, event }) => event.type === "SIGNAL" && !context.entered.includes(event.signal.marketId),
  },
}).createMachine({
  id: "trader",
  context: ({ input }) => ({ agentId: input.agentId, capital: 0, cash: 0, warm: false, entries: 0, entered: [], rejected: 0, wins: 0, losses: 0, consecutiveLosses: 0 }),
  initial: "warmingUp",
  on: {
    ALLOCATE: { actions: assign(({ context, event }) => ({ capital: event.capital, cash: context.cash + event.capital - context.capital })) },
    FILLED: { actions: assign({ cash: ({ context, event }) => context.cash + event.cashDelta }) },
    SETTLED: {
      actions: assign(({ context, event }) => {
        const win = event.pnl > 0;
        return {
          cash: context.cash + event.payout,
          wins: context.wins + (win ? 1 : 0),
          losses: context.losses + (win ? 0 : 1),
          consecutiveLosses: win ? 0 : context.consecutiveLosses + 1,
        };
      }),
    },
    REJECTED: { actions: assign({ rejected: ({ context }) => context.rejected + 1, lastReason: ({ event }) => event.reason }) },
    RETIRE: ".retired",
  },
  states: {
    warmingUp: {
      always: { guard: "ready", target: "trading" },
      on: { WARM: { actions: assign({ warm: true }) }, PAUSE: "paused" },
    },
    trading: {
      on: {
        SIGNAL: {
          guard: "fresh",
          actions: [
            emit(({ context, event }) => intent(context, event.signal)),
            assign(({ context, event }) => ({ entries: context.entries + 1, entered: [...context.entered.slice(-95), event.signal.marketId] })),
          ],
        },
        PAUSE: "paused",
        REDUCE: "reducing",
      },
    },
    reducing: { on: { RESUME: "trading", PAUSE: "paused" } },
    paused: { on: { RESUME: "trading", REDUCE: "reducing" } },
    retired: { type: "final" },
  },
});

import { assign, emit, setup } from "xstate";
import { subjects } from "../../protocols/index.ts";
import type { PublishEmitted } from "../../floor/host/index.ts";
import type { Signal } from "./core/index.ts";

/** How many windows' entry counts a trader remembers (a day of 15-minute windows). */
const REMEMBERED_WINDOWS = 96;

export interface TraderContext {
  agentId: string;
  /** Allocated capital and the trader's own running cash, micro-USD. */
  capital: number;
  cash: number;
  warm: boolean;
  /** Intents sent, ever: the next one is named `<agentId>-<marketId>-e<entries + 1>`. */
  entries: number;
  /** Orders placed per recent window, remembered across restarts, so a strategy's entry limit holds after one. */
  placed: Array<[marketId: string, count: number]>;
  rejected: number;
  wins: number;
  losses: number;
  consecutiveLosses: number;
  lastReason?: string;
}

export type TraderEvent =
  | { type: "ALLOCATE"; capital: number }
  | { type: "WARM" }
  /** `tick`: the market-data message the order reacts to, carried on the intent for the monitor's latency. */
  | { type: "ORDER"; order: Signal; perWindow?: number; tick?: { id: string; ts: number } }
  | { type: "CANCEL"; marketId: string; intentId?: string; reason: string }
  | { type: "REJECTED"; reason: string }
  | { type: "FILLED"; cashDelta: number }
  | { type: "SETTLED"; payout: number; pnl: number; marketId: string }
  | { type: "PAUSE"; reason?: string }
  | { type: "RESUME"; reason?: string }
  | { type: "REDUCE"; reason?: string }
  | { type: "HALT"; reason?: string }
  | { type: "RETIRE"; reason?: string };

/** The id of the next intent: `intentId` doubles as the idempotent client order id. */
export const nextIntentId = (c: Pick<TraderContext, "agentId" | "entries">, marketId: string) => `${c.agentId}-${marketId}-e${c.entries + 1}`;

const placedIn = (c: TraderContext, marketId: string) => c.placed.find(([m]) => m === marketId)?.[1] ?? 0;

const intent = (c: TraderContext, s: Signal, tick: { id: string; ts: number } | undefined): PublishEmitted => ({
  type: "publish",
  subject: subjects.intent(c.agentId),
  body: { ...s, intentId: nextIntentId(c, s.marketId), agentId: c.agentId, ...(tick ? { tick } : {}) },
});

const cancel = (c: TraderContext, e: { marketId?: string; intentId?: string; reason: string }): PublishEmitted => ({
  type: "publish",
  subject: subjects.cancel(c.agentId),
  body: { agentId: c.agentId, ...(e.marketId ? { marketId: e.marketId } : {}), ...(e.intentId ? { intentId: e.intentId } : {}), reason: e.reason },
});


/**
 * A trader's life. It warms up until it has both capital and market history, then trades: each
 * order its strategy asks for becomes one intent to the boss, within the strategy's entry limit
 * per window. `reducing` sends only orders that reduce exposure (sells of what it holds);
 * `paused` sends none; `halted` (by the boss or an audit violation) waits for the boss alone to
 * resume it; `retired` is the end. Entering any of them takes every working order back. Fills
 * and settlements keep its cash and record.
 */
export const traderMachine = setup({
  types: { context: {} as TraderContext, events: {} as TraderEvent, input: {} as { agentId: string }, emitted: {} as PublishEmitted },
  guards: {
    ready: ({ context }) => context.warm && context.capital > 0,
    withinLimit: ({ context, event }) => event.type === "ORDER" && (event.perWindow === undefined || placedIn(context, event.order.marketId) < event.perWindow),
    reduces: ({ event }) => event.type === "ORDER" && event.order.side === "SELL",
  },
  actions: {
    send: emit(({ context, event }) => {
      const e = event as Extract<TraderEvent, { type: "ORDER" }>;
      return intent(context, e.order, e.tick);
    }),
    count: assign(({ context, event }) => {
      const m = (event as Extract<TraderEvent, { type: "ORDER" }>).order.marketId;
      const n = placedIn(context, m);
      return { entries: context.entries + 1, placed: [...context.placed.filter(([id]) => id !== m).slice(-(REMEMBERED_WINDOWS - 1)), [m, n + 1] as [string, number]] };
    }),
    cancel: emit(({ context, event }) => cancel(context, event as Extract<TraderEvent, { type: "CANCEL" }>)),
    /** Every working order goes back when the trader stops adding risk (it cannot be sure none is left). */
    cancelAll: emit(({ context, event }, p: { why: string }) => cancel(context, { reason: `${p.why}${"reason" in event && event.reason ? `: ${event.reason}` : ""}` })),
  },
}).createMachine({
  id: "trader",
  context: ({ input }) => ({ agentId: input.agentId, capital: 0, cash: 0, warm: false, entries: 0, placed: [], rejected: 0, wins: 0, losses: 0, consecutiveLosses: 0 }),
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
    CANCEL: { actions: "cancel" },
    HALT: ".halted",
    RETIRE: ".retired",
  },
  states: {
    warmingUp: {
      always: { guard: "ready", target: "trading" },
      on: { WARM: { actions: assign({ warm: true }) }, PAUSE: "paused", REDUCE: "reducing" },
    },
    trading: {
      on: {
        ORDER: { guard: "withinLimit", actions: ["send", "count"] },
        PAUSE: "paused",
        REDUCE: "reducing",
      },
    },
    reducing: {
      entry: { type: "cancelAll", params: { why: "reducing" } },
      on: {
        ORDER: { guard: "reduces", actions: ["send", "count"] },
        RESUME: "warmingUp",
        PAUSE: "paused",
      },
    },
    paused: {
      entry: { type: "cancelAll", params: { why: "paused" } },
      on: { RESUME: "warmingUp", REDUCE: "reducing" },
    },
    halted: {
      entry: [{ type: "cancelAll", params: { why: "halted" } }, assign({ lastReason: ({ event }) => ("reason" in event && event.reason ? `halted: ${event.reason}` : "halted") })],
      // Only the boss's resume lifts a halt (the host takes control messages from the boss alone); nothing else leaves it but retirement.
      on: { RESUME: "warmingUp" },
    },
    retired: { type: "final", entry: { type: "cancelAll", params: { why: "retired" } } },
  },
});

import { assign, setup } from "xstate";

export interface FeedMarket {
  marketId: string;
  strike: number;
  startTs: number;
  endTs: number;
  upTokenId: string;
  downTokenId: string;
}

export interface FeedContext {
  /** Last checkpointed spot (float USD) and volatility multiplier, to resume the walk after a restart. */
  spot: number | null;
  volMult: number;
  market: FeedMarket | null;
  marketsOpened: number;
}

export type FeedEvent =
  | { type: "START" }
  | { type: "CHECKPOINT"; spot: number; volMult: number }
  | { type: "OPENED"; market: FeedMarket }
  | { type: "CLOSED" }
  | { type: "STOP" };

/** The simulated feed's life: idle until the clock starts, then streaming. Its context is what a restart resumes from. */
export const feedMachine = setup({
  types: { context: {} as FeedContext, events: {} as FeedEvent },
}).createMachine({
  id: "feed",
  context: { spot: null, volMult: 1, market: null, marketsOpened: 0 },
  initial: "idle",
  states: {
    idle: { on: { START: "streaming" } },
    streaming: {
      on: {
        CHECKPOINT: { actions: assign(({ event }) => ({ spot: event.spot, volMult: event.volMult })) },
        OPENED: { actions: assign(({ context, event }) => ({ market: event.market, marketsOpened: context.marketsOpened + 1 })) },
        CLOSED: { actions: assign({ market: null }) },
        STOP: "stopped",
      },
    },
    stopped: { on: { START: "streaming" } },
  },
});

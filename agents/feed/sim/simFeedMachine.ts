import { assign, setup } from "xstate";
import type { FeedMarket } from "../feedMachine.ts";

/** One spot walk's checkpoint: last price (float USD) and volatility multiplier. */
export interface WalkCheckpoint {
  price: number;
  volMult: number;
}

export interface SimFeedContext {
  /** Last checkpointed walk per symbol, to resume after a restart. */
  walks: Record<string, WalkCheckpoint>;
  /** The live window per series (`<symbol>/<minutes>`), if any. */
  markets: Record<string, FeedMarket>;
  marketsOpened: number;
}

export type SimFeedEvent =
  | { type: "START" }
  | { type: "CHECKPOINT"; walks: Record<string, WalkCheckpoint> }
  | { type: "OPENED"; series: string; market: FeedMarket }
  | { type: "CLOSED"; series: string }
  | { type: "STOP" };

/** The simulated feed's life, with several series: idle until the clock starts, then streaming. Its context is what a restart resumes from. */
export const simFeedMachine = setup({
  types: { context: {} as SimFeedContext, events: {} as SimFeedEvent },
}).createMachine({
  id: "simFeed",
  context: { walks: {}, markets: {}, marketsOpened: 0 },
  initial: "idle",
  states: {
    idle: { on: { START: "streaming" } },
    streaming: {
      on: {
        CHECKPOINT: { actions: assign(({ event }) => ({ walks: event.walks })) },
        OPENED: { actions: assign(({ context, event }) => ({ markets: { ...context.markets, [event.series]: event.market }, marketsOpened: context.marketsOpened + 1 })) },
        CLOSED: {
          actions: assign(({ context, event }) => {
            const markets = { ...context.markets };
            delete markets[event.series];
            return { markets };
          }),
        },
        STOP: "stopped",
      },
    },
    stopped: { on: { START: "streaming" } },
  },
});

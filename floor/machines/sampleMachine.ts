import { createMachine } from "xstate";

/**
 * A small machine with every kind of state and transition the drawing handles (nested compound,
 * parallel regions, history, final; guards, `after`, `always`, targetless and parent-declared
 * transitions). Its tests check the drawing, and it is what the drawing looks like at a glance.
 */
export const sampleMachine = createMachine({
  id: "sample",
  initial: "idle",
  on: { STOP: ".done", PING: { actions: "log" } },
  states: {
    idle: { on: { START: { target: "running", guard: "ready" } } },
    running: {
      initial: "warming",
      states: {
        warming: { after: { 1500: "live" } },
        live: {
          type: "parallel",
          states: {
            feed: { initial: "fresh", states: { fresh: { on: { LAG: "stale" } }, stale: { always: { target: "fresh", guard: "caughtUp" } } } },
            book: { initial: "quoting", states: { quoting: { on: { FILL: "quoting" } }, hist: { type: "history", history: "deep" } } },
          },
        },
      },
      on: { PAUSE: "paused" },
    },
    paused: { on: { RESUME: "running.live.book.hist" } },
    done: { type: "final" },
  },
});

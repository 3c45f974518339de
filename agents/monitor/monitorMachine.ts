import { assign, emit, setup } from "xstate";
import { subjects, type OrderEvent } from "../../protocols/index.ts";
import type { PublishEmitted } from "../../floor/host/index.ts";
import { EMPTY_SCORE, score, type Score } from "./score.ts";

export interface MonitorContext {
  scores: Record<string, Score>;
}

export type MonitorEvent = { type: "ORDER_EVENT"; event: OrderEvent };

/** The performance monitor: folds every order event into its agent's score and publishes it on `metrics.<agentId>`. */
export const monitorMachine = setup({
  types: { context: {} as MonitorContext, events: {} as MonitorEvent, emitted: {} as PublishEmitted },
}).createMachine({
  id: "monitor",
  context: { scores: {} },
  initial: "watching",
  states: {
    watching: {
      on: {
        ORDER_EVENT: {
          guard: ({ event }) => event.event.type === "fill" || event.event.type === "settle",
          actions: [
            assign({ scores: ({ context, event }) => ({ ...context.scores, [event.event.agentId]: score(context.scores[event.event.agentId] ?? EMPTY_SCORE, event.event) }) }),
            emit(({ context, event }) => ({
              type: "publish",
              subject: subjects.metrics(event.event.agentId),
              body: { agentId: event.event.agentId, ...context.scores[event.event.agentId]! },
            })),
          ],
        },
      },
    },
  },
});

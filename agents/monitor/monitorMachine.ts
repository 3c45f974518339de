import { assign, emit, enqueueActions, setup } from "xstate";
import { subjects, type OrderEvent } from "../../protocols/index.ts";
import type { PublishEmitted } from "../../floor/host/index.ts";
import { EMPTY_SCORE, score, type Score } from "./score.ts";
import { EMPTY_FORECAST_SCORE, foldWindow, forecastFigures, type ForecastScore, type PendingBelief } from "./forecastScore.ts";

export interface MonitorContext {
  scores: Record<string, Score>;
  /** Forecast scores per agent, and the beliefs about windows not yet resolved, by market. */
  forecasts?: Record<string, ForecastScore>;
  pending?: Record<string, PendingBelief[]>;
}

export type MonitorEvent =
  | { type: "ORDER_EVENT"; event: OrderEvent }
  | { type: "BELIEF"; marketId: string; belief: PendingBelief }
  | { type: "RESOLVED"; marketId: string; up: boolean };

const metricsOf = (c: MonitorContext, agentId: string): PublishEmitted => ({
  type: "publish",
  subject: subjects.metrics(agentId),
  body: { agentId, ...(c.scores[agentId] ?? EMPTY_SCORE), ...(c.forecasts?.[agentId] ? { forecast: forecastFigures(c.forecasts[agentId]) } : {}) },
});

/**
 * The performance monitor: folds every order event into its agent's score, and every belief,
 * once its window resolves, into the agent's forecast score against the market's own price; it
 * publishes both on `metrics.<agentId>`.
 */
export const monitorMachine = setup({
  types: { context: {} as MonitorContext, events: {} as MonitorEvent, emitted: {} as PublishEmitted },
}).createMachine({
  id: "monitor",
  context: { scores: {}, forecasts: {}, pending: {} },
  initial: "watching",
  states: {
    watching: {
      on: {
        ORDER_EVENT: {
          guard: ({ event }) => event.event.type === "fill" || event.event.type === "settle",
          actions: [
            assign({ scores: ({ context, event }) => ({ ...context.scores, [event.event.agentId]: score(context.scores[event.event.agentId] ?? EMPTY_SCORE, event.event) }) }),
            emit(({ context, event }) => metricsOf(context, event.event.agentId)),
          ],
        },
        BELIEF: {
          actions: assign({ pending: ({ context, event }) => ({ ...context.pending, [event.marketId]: [...(context.pending?.[event.marketId] ?? []), event.belief] }) }),
        },
        RESOLVED: {
          guard: ({ context, event }) => (context.pending?.[event.marketId]?.length ?? 0) > 0,
          actions: enqueueActions(({ context, event, enqueue }) => {
            const beliefs = context.pending?.[event.marketId] ?? [];
            const forecasts = { ...context.forecasts };
            const agents = [...new Set(beliefs.map((b) => b.agentId))];
            for (const a of agents) forecasts[a] = foldWindow(forecasts[a] ?? EMPTY_FORECAST_SCORE, beliefs.filter((b) => b.agentId === a), event.up);
            const { [event.marketId]: _done, ...pending } = context.pending ?? {};
            enqueue.assign({ forecasts, pending });
            for (const a of agents) enqueue.emit(metricsOf({ ...context, forecasts }, a));
          }),
        },
      },
    },
  },
});

import { assign, emit, enqueueActions, setup } from "xstate";
import { subjects, type OrderEvent } from "../../protocols/index.ts";
import type { PublishEmitted } from "../../floor/host/index.ts";
import { EMPTY_SCORE, score, type Score } from "./score.ts";
import { addBelief, NO_BELIEFS, type BeliefSums } from "./beliefSums.ts";
import { EMPTY_FORECAST_SCORE, foldSums, forecastFigures, type ForecastScore, type PendingBelief } from "./forecastScore.ts";

export interface MonitorContext {
  scores: Record<string, Score>;
  /** Forecast scores per agent, and the beliefs about windows not yet resolved, by market: each agent's summed, in the order they first spoke. */
  forecasts?: Record<string, ForecastScore>;
  pending?: Record<string, AgentBeliefs[]>;
}

export interface AgentBeliefs extends BeliefSums {
  agentId: string;
}

/** A window's beliefs with one more: its agent's sums updated (a copy of one entry per agent, not of every belief so far). */
function withBelief(sums: readonly AgentBeliefs[], b: PendingBelief): AgentBeliefs[] {
  const i = sums.findIndex((s) => s.agentId === b.agentId);
  if (i < 0) return [...sums, { agentId: b.agentId, ...addBelief(NO_BELIEFS, b) }];
  return sums.with(i, { agentId: b.agentId, ...addBelief(sums[i]!, b) });
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
          actions: assign({ pending: ({ context, event }) => ({ ...context.pending, [event.marketId]: withBelief(context.pending?.[event.marketId] ?? [], event.belief) }) }),
        },
        RESOLVED: {
          guard: ({ context, event }) => (context.pending?.[event.marketId]?.length ?? 0) > 0,
          actions: enqueueActions(({ context, event, enqueue }) => {
            const sums = context.pending?.[event.marketId] ?? [];
            const forecasts = { ...context.forecasts };
            for (const w of sums) forecasts[w.agentId] = foldSums(forecasts[w.agentId] ?? EMPTY_FORECAST_SCORE, w, event.up);
            const { [event.marketId]: _done, ...pending } = context.pending ?? {};
            enqueue.assign({ forecasts, pending });
            for (const w of sums) enqueue.emit(metricsOf({ ...context, forecasts }, w.agentId));
          }),
        },
      },
    },
  },
});

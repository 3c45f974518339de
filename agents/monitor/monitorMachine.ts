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

/** A window's beliefs with more, in arrival order: each agent's sums updated (one copy of the window's entries per batch, not per belief). */
function withBeliefs(sums: readonly AgentBeliefs[], batch: readonly PendingBelief[]): AgentBeliefs[] {
  const out = [...sums];
  const at = new Map(out.map((s, i) => [s.agentId, i]));
  for (const b of batch) {
    const i = at.get(b.agentId);
    if (i === undefined) {
      at.set(b.agentId, out.length);
      out.push({ agentId: b.agentId, ...addBelief(NO_BELIEFS, b) });
    } else out[i] = { agentId: b.agentId, ...addBelief(out[i]!, b) };
  }
  return out;
}

export type MonitorEvent =
  | { type: "ORDER_EVENT"; event: OrderEvent }
  /** Beliefs about one window, in the order they came (the agent hands over a step's at once: one event, not one per trader). */
  | { type: "BELIEFS"; marketId: string; beliefs: readonly PendingBelief[] }
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
        BELIEFS: {
          actions: assign({ pending: ({ context, event }) => ({ ...context.pending, [event.marketId]: withBeliefs(context.pending?.[event.marketId] ?? [], event.beliefs) }) }),
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

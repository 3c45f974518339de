import { assign, setup } from "xstate";
import { FLOOR_METRICS_ID, type OrderEvent } from "../../protocols/index.ts";
import { EMPTY_SCORE, score, type Score } from "./score.ts";
import { addBelief, mergeSums, NO_BELIEFS, type BeliefSums } from "./beliefSums.ts";
import { EMPTY_FORECAST_SCORE, foldSums, type ForecastScore, type PendingBelief } from "./forecastScore.ts";

export interface MonitorContext {
  /** Each agent's score, and the floor's (FLOOR_METRICS_ID: every agent's events). */
  scores: Record<string, Score>;
  /** Forecast scores per agent (and the floor's), and the beliefs about windows not yet resolved, by market: each agent's summed, in the order they first spoke. */
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

/**
 * The performance monitor's scores: every fill and settlement folded into its agent's score and
 * the floor's, and every belief, once its window resolves, into the agent's (and the floor's)
 * forecast score against the market's own price. The agent (monitorAgent) publishes them with
 * the rest of its figures on `metrics.<agentId>`, at its own pace.
 */
export const monitorMachine = setup({
  types: { context: {} as MonitorContext, events: {} as MonitorEvent },
}).createMachine({
  id: "monitor",
  context: { scores: {}, forecasts: {}, pending: {} },
  initial: "watching",
  states: {
    watching: {
      on: {
        ORDER_EVENT: {
          guard: ({ event }) => event.event.type === "fill" || event.event.type === "settle",
          actions: assign({
            scores: ({ context, event }) => {
              const id = event.event.agentId;
              return { ...context.scores, [id]: score(context.scores[id] ?? EMPTY_SCORE, event.event), [FLOOR_METRICS_ID]: score(context.scores[FLOOR_METRICS_ID] ?? EMPTY_SCORE, event.event) };
            },
          }),
        },
        BELIEFS: {
          actions: assign({ pending: ({ context, event }) => ({ ...context.pending, [event.marketId]: withBeliefs(context.pending?.[event.marketId] ?? [], event.beliefs) }) }),
        },
        RESOLVED: {
          guard: ({ context, event }) => (context.pending?.[event.marketId]?.length ?? 0) > 0,
          actions: assign(({ context, event }) => {
            const sums = context.pending?.[event.marketId] ?? [];
            const forecasts = { ...context.forecasts };
            for (const w of sums) forecasts[w.agentId] = foldSums(forecasts[w.agentId] ?? EMPTY_FORECAST_SCORE, w, event.up);
            forecasts[FLOOR_METRICS_ID] = foldSums(forecasts[FLOOR_METRICS_ID] ?? EMPTY_FORECAST_SCORE, sums.reduce<BeliefSums>(mergeSums, NO_BELIEFS), event.up);
            const { [event.marketId]: _done, ...pending } = context.pending ?? {};
            return { forecasts, pending };
          }),
        },
      },
    },
  },
});

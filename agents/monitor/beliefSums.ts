import type { PendingBelief } from "./forecastScore.ts";

/** Two sums of one quantity, one for each outcome a window may have: [Down, Up]. */
export type ByOutcome = readonly [number, number];

/**
 * Beliefs about a window not yet resolved, folded as they come in sums for either outcome: a few
 * numbers however many beliefs, so a trader's belief costs the monitor one small update instead of
 * a copy of every belief of the window so far. Each sum is added in arrival order from 0, as
 * foldWindow always added them, so a score is the same to the last bit.
 */
export interface BeliefSums {
  count: number;
  /** Σ (pUp − o)² over every belief. */
  sqAgent: ByOutcome;
  /** Beliefs that had a market price, and over them Σ (pUp − o)², Σ (marketP − o)² and Σ of the second minus the first. */
  paired: number;
  sqAgentPaired: ByOutcome;
  sqMarketPaired: ByOutcome;
  diff: ByOutcome;
}

export const NO_BELIEFS: BeliefSums = { count: 0, sqAgent: [0, 0], paired: 0, sqAgentPaired: [0, 0], sqMarketPaired: [0, 0], diff: [0, 0] };

const both = (s: ByOutcome, f: (o: 0 | 1) => number): ByOutcome => [s[0] + f(0), s[1] + f(1)];

/** `s` with one more belief. */
export function addBelief(s: BeliefSums, b: Pick<PendingBelief, "pUp" | "marketP">): BeliefSums {
  const sqAgent = both(s.sqAgent, (o) => (b.pUp - o) ** 2);
  const m = b.marketP;
  if (m === null) return { ...s, count: s.count + 1, sqAgent };
  return {
    count: s.count + 1,
    sqAgent,
    paired: s.paired + 1,
    sqAgentPaired: both(s.sqAgentPaired, (o) => (b.pUp - o) ** 2),
    sqMarketPaired: both(s.sqMarketPaired, (o) => (m - o) ** 2),
    diff: both(s.diff, (o) => (m - o) ** 2 - (b.pUp - o) ** 2),
  };
}

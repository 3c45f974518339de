import { bucketOf, logScore } from "../../floor/stats/index.ts";
import type { PendingBelief } from "./forecastScore.ts";

/** Calibration buckets of width 0.1 over p (floor/stats calibrationTable's default). */
export const CAL_BUCKETS = 10;
const NO_BUCKETS: readonly number[] = Array.from({ length: CAL_BUCKETS }, () => 0);

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
  /** Σ −ln of the probability given to each outcome (logScore), and per calibration bucket the count and Σ pUp. Absent in a checkpoint from before issue 13. */
  logLoss?: ByOutcome;
  calN?: readonly number[];
  calP?: readonly number[];
}

export const NO_BELIEFS: BeliefSums = { count: 0, sqAgent: [0, 0], paired: 0, sqAgentPaired: [0, 0], sqMarketPaired: [0, 0], diff: [0, 0], logLoss: [0, 0], calN: NO_BUCKETS, calP: NO_BUCKETS };

/** `counts` with `x` added to bucket `k`, as a new array. */
export function addToBucket(counts: readonly number[] | undefined, k: number, x: number): number[] {
  const out = [...(counts ?? NO_BUCKETS)];
  out[k]! += x;
  return out;
}

const both = (s: ByOutcome, f: (o: 0 | 1) => number): ByOutcome => [s[0] + f(0), s[1] + f(1)];

/** `s` with one more belief. */
export function addBelief(s: BeliefSums, b: Pick<PendingBelief, "pUp" | "marketP">): BeliefSums {
  const sqAgent = both(s.sqAgent, (o) => (b.pUp - o) ** 2);
  const k = bucketOf(b.pUp, CAL_BUCKETS);
  const scored = { logLoss: both(s.logLoss ?? [0, 0], (o) => logScore(b.pUp, o === 1)), calN: addToBucket(s.calN, k, 1), calP: addToBucket(s.calP, k, b.pUp) };
  const m = b.marketP;
  if (m === null) return { ...s, count: s.count + 1, sqAgent, ...scored };
  return {
    count: s.count + 1,
    sqAgent,
    ...scored,
    paired: s.paired + 1,
    sqAgentPaired: both(s.sqAgentPaired, (o) => (b.pUp - o) ** 2),
    sqMarketPaired: both(s.sqMarketPaired, (o) => (m - o) ** 2),
    diff: both(s.diff, (o) => (m - o) ** 2 - (b.pUp - o) ** 2),
  };
}

/** Two agents' sums of one window added (the floor's sums: its skill clusters by window, as an agent's does). */
export function mergeSums(a: BeliefSums, b: BeliefSums): BeliefSums {
  const add2 = (x: ByOutcome | undefined, y: ByOutcome | undefined): ByOutcome => [(x?.[0] ?? 0) + (y?.[0] ?? 0), (x?.[1] ?? 0) + (y?.[1] ?? 0)];
  const addN = (x: readonly number[] | undefined, y: readonly number[] | undefined) => NO_BUCKETS.map((_, i) => (x?.[i] ?? 0) + (y?.[i] ?? 0));
  return {
    count: a.count + b.count,
    sqAgent: add2(a.sqAgent, b.sqAgent),
    paired: a.paired + b.paired,
    sqAgentPaired: add2(a.sqAgentPaired, b.sqAgentPaired),
    sqMarketPaired: add2(a.sqMarketPaired, b.sqMarketPaired),
    diff: add2(a.diff, b.diff),
    logLoss: add2(a.logLoss, b.logLoss),
    calN: addN(a.calN, b.calN),
    calP: addN(a.calP, b.calP),
  };
}

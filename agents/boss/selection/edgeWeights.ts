import { sharpeMoments } from "../../../floor/stats/index.ts";

/** One veteran's share of the veterans' pool, and what it came from. */
export interface EdgeWeight {
  n: number;
  mean: number;
  sd: number;
  /** mean/variance of its per-trade returns, floored at 0: the growth-optimal (Kelly) stake per trade. */
  score: number;
  /** n/(n + shrinkTrades): how far its own edge is trusted over an equal share. */
  lambda: number;
  /** Its fraction of the pool; the fractions sum to at most 1. */
  weight: number;
}

/**
 * Weights toward edge and away from risk, shrunk toward equal while records are short: each
 * agent's weight is λ·(its score over all scores) + (1 − λ)/m, λ = n/(n + shrinkTrades), the score
 * mean/variance floored at 0. A zero-edge agent thus never gets more than an equal share, and
 * short records all get nearly equal ones. Unequal λs can sum above 1: then all are scaled down
 * alike; below 1, the rest stays on the floor (long records without edge earn no capital).
 */
export function edgeWeights(records: ReadonlyArray<readonly number[]>, shrinkTrades: number): EdgeWeight[] {
  const m = records.length;
  const rows = records.map((returns) => {
    const s = sharpeMoments(returns);
    return { n: s.n, mean: s.mean, sd: s.sd, score: s.sd > 0 ? Math.max(0, s.mean / (s.sd * s.sd)) : 0, lambda: s.n / (s.n + shrinkTrades) };
  });
  const total = rows.reduce((sum, r) => sum + r.score, 0);
  const raw = rows.map((r) => r.lambda * (total > 0 ? r.score / total : 0) + (1 - r.lambda) / m);
  const scale = Math.max(1, raw.reduce((sum, w) => sum + w, 0));
  return rows.map((r, i) => ({ ...r, weight: raw[i]! / scale }));
}

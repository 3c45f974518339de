import type { Interval } from "./Interval.ts";

export interface MeanSe extends Interval {
  n: number;
  mean: number;
  /** Standard error of the mean: sample standard deviation (n − 1) over √n. */
  se: number;
}

/** The normal quantile for a two-sided 95% interval (t would be a little wider below ~30 values). */
const Z95 = 1.96;

/**
 * Mean ± 1.96 standard errors: a cheap interval for live use (a dashboard refreshing every
 * second cannot afford 2000 resamples). It assumes a roughly normal mean, so with few values or
 * heavy tails prefer `meanCi`. Null for no values; with one value the spread is unknown and the
 * interval is (−∞, ∞).
 */
export function meanSe(values: readonly number[]): MeanSe | null {
  const n = values.length;
  if (n === 0) return null;
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / n;
  let squares = 0;
  for (const v of values) squares += (v - mean) ** 2;
  const se = n > 1 ? Math.sqrt(squares / (n - 1) / n) : Infinity;
  return { n, mean, se, estimate: mean, lo: mean - Z95 * se, hi: mean + Z95 * se };
}

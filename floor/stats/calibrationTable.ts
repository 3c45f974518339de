import { checkProbability } from "./checkProbability.ts";
import type { Forecast } from "./Forecast.ts";

/** One bucket of forecasts: p in [lo, hi) (the last bucket includes 1). */
export interface CalibrationBucket {
  lo: number;
  hi: number;
  n: number;
  /** The mean forecast in the bucket; null when it is empty. */
  meanP: number | null;
  /** How often the bucket's markets resolved Up; null when it is empty. */
  freqUp: number | null;
}

/** The bucket of `p` among `buckets` equal-width ones over [0, 1] (1 falls in the last). */
export const bucketOf = (p: number, buckets: number): number => Math.min(Math.floor(p * buckets), buckets - 1);

/**
 * Reliability table: forecasts grouped into equal-width buckets over [0, 1], each with its mean
 * forecast and the frequency of Up. A calibrated forecaster has meanP ≈ freqUp in every bucket;
 * Brier alone cannot say whether a poor score comes from over-confidence or from no information.
 */
export function calibrationTable(rows: readonly Forecast[], buckets = 10): CalibrationBucket[] {
  if (!(Number.isInteger(buckets) && buckets >= 1)) throw new RangeError(`buckets must be a positive integer: ${buckets}`);
  const acc = Array.from({ length: buckets }, () => ({ n: 0, sumP: 0, ups: 0 }));
  for (const r of rows) {
    const b = acc[bucketOf(checkProbability(r.p), buckets)]!;
    b.n += 1;
    b.sumP += r.p;
    if (r.up) b.ups += 1;
  }
  return acc.map(({ n, sumP, ups }, i) => ({
    lo: i / buckets,
    hi: (i + 1) / buckets,
    n,
    meanP: n > 0 ? sumP / n : null,
    freqUp: n > 0 ? ups / n : null,
  }));
}

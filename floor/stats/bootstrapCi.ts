import { createRng } from "../random/createRng.ts";
import type { Interval } from "./Interval.ts";
import { quantile } from "./quantile.ts";

/** How to bootstrap: resample count, interval level and the seed that makes it repeatable. */
export interface BootstrapSettings {
  /** How many resamples (default 2000). */
  resamples?: number;
  /** The interval's coverage (default 0.95). */
  level?: number;
  seed: number | string;
}

export interface BootstrapOptions<C> extends BootstrapSettings {
  /** The independent units: whole markets, say, whose forecasts within a window move together. */
  clusters: readonly C[];
  /**
   * The statistic of a sample of clusters. The array it is handed is reused between calls (no
   * allocation per resample): read it, do not keep it.
   */
  statistic: (sample: readonly C[]) => number;
}

/** The statistic on the data, its percentile interval, and how many resamples gave a finite value. */
export interface BootstrapResult extends Interval {
  resamples: number;
}

/**
 * Cluster (block) bootstrap, percentile method: draw as many clusters as there are, with
 * replacement, recompute the statistic, and take the (1 − level)/2 tails of those values.
 * Resampling whole clusters keeps the correlation inside each one, where resampling rows would
 * treat 30 quotes of one market as 30 independent facts and give a far too narrow interval.
 * Null for no clusters. With one cluster the interval is (−∞, ∞): every resample would be that
 * cluster, and a zero-width interval would claim a certainty one market cannot give.
 * Non-finite resampled values (a ratio over an empty sample, say) are dropped and not counted.
 */
export function bootstrapCi<C>(opts: BootstrapOptions<C>): BootstrapResult | null {
  const { clusters, statistic, resamples = 2000, level = 0.95, seed } = opts;
  if (!(Number.isInteger(resamples) && resamples >= 1)) throw new RangeError(`resamples must be a positive integer: ${resamples}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1): ${level}`);
  const n = clusters.length;
  if (n === 0) return null;
  const estimate = statistic(clusters);
  const unbounded = { estimate, lo: -Infinity, hi: Infinity, resamples: 0 };
  if (n === 1) return unbounded;
  const rng = createRng(seed);
  const sample = clusters.slice();
  const values = new Float64Array(resamples);
  let kept = 0;
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) sample[i] = clusters[rng.int(0, n - 1)]!;
    const v = statistic(sample);
    if (Number.isFinite(v)) values[kept++] = v;
  }
  if (kept === 0) return unbounded;
  const sorted = values.subarray(0, kept).sort();
  const tail = (1 - level) / 2;
  return { estimate, lo: quantile(sorted, tail), hi: quantile(sorted, 1 - tail), resamples: kept };
}

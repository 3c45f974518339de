/** A sample mean with its normal-approximation confidence interval. */
export interface MeanInterval {
  n: number;
  mean: number;
  /** Standard error of the mean (sample standard deviation / √n). */
  se: number;
  lo: number;
  hi: number;
  /** mean / se: how many standard errors from zero. */
  t: number;
}

/**
 * Mean of `xs` with a two-sided interval of `z` standard errors (1.96: 95%). Per-trade returns of
 * binary bets are far from normal, but over a hundred trades or more the mean is near enough; with
 * fewer the interval is only indicative. NaN figures for fewer than two values.
 */
export function meanInterval(xs: readonly number[], z = 1.96): MeanInterval {
  const n = xs.length;
  const mean = n > 0 ? xs.reduce((a, x) => a + x, 0) / n : NaN;
  const se = n > 1 ? Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1) / n) : NaN;
  return { n, mean, se, lo: mean - z * se, hi: mean + z * se, t: mean / se };
}

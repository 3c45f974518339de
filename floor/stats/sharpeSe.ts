/**
 * The variance of one observation's contribution to an estimated Sharpe ratio, in Bailey &
 * López de Prado's (2012) form with raw kurtosis: 1 − skew·SR + (kurt − 1)/4·SR². It is at least
 * (1 − skew·SR/2)² ≥ 0 for any real distribution (kurt ≥ skew² + 1); inconsistent moments could
 * make it negative, so it is floored at 0. With excess kurtosis the term would be (kurt + 2)/4:
 * pass raw kurtosis (a normal's is 3).
 */
export function sharpeVarianceFactor(sr: number, skew = 0, kurt = 3): number {
  for (const v of [sr, skew, kurt]) if (!Number.isFinite(v)) throw new RangeError(`not a finite moment: ${v}`);
  return Math.max(0, 1 - skew * sr + ((kurt - 1) / 4) * sr * sr);
}

/** The standard error of a Sharpe ratio estimated from n observations; infinite below two. */
export function sharpeSe(sr: number, n: number, skew = 0, kurt = 3): number {
  const factor = sharpeVarianceFactor(sr, skew, kurt);
  return n < 2 ? Infinity : Math.sqrt(factor / (n - 1));
}

/** What PSR, DSR and MinTRL need of a track record, per observation (never annualised). */
export interface SharpeMoments {
  n: number;
  mean: number;
  /** Sample standard deviation (ddof = 1), as rubenbriones' reference implementation of PSR uses. */
  sd: number;
  /** Sharpe ratio per observation: mean / sd (no risk-free rate: a trade's return is already excess). */
  sr: number;
  /** Biased (population) skewness m₃ / m₂^1.5, as scipy.stats.skew's default. */
  skew: number;
  /** Raw, biased kurtosis m₄ / m₂² (a normal's is 3, not 0), as scipy.stats.kurtosis(fisher=False). */
  kurt: number;
}

/**
 * The moments of a track record for the Sharpe-ratio statistics of Bailey & López de Prado.
 * A record with no spread (fewer than two returns, or all equal) carries no evidence about a
 * Sharpe ratio: it reads as sr 0 with a normal's shape (skew 0, kurt 3), so its PSR is 0.5 and
 * its MinTRL infinite, and nobody judges it on that. Throws on a non-finite return (a bug, not a loss).
 */
export function sharpeMoments(returns: readonly number[]): SharpeMoments {
  const n = returns.length;
  let sum = 0;
  for (const r of returns) {
    if (!Number.isFinite(r)) throw new RangeError(`not a finite return: ${r}`);
    sum += r;
  }
  const mean = n > 0 ? sum / n : 0;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (const r of returns) {
    const d = r - mean;
    m2 += d * d;
    m3 += d * d * d;
    m4 += d * d * d * d;
  }
  const sd = n > 1 ? Math.sqrt(m2 / (n - 1)) : 0;
  // Equal values leave rounding dust in m₂, not spread.
  if (sd <= 1e-12 * Math.abs(mean) || sd === 0) return { n, mean, sd: 0, sr: 0, skew: 0, kurt: 3 };
  const [p2, p3, p4] = [m2 / n, m3 / n, m4 / n];
  return { n, mean, sd, sr: mean / sd, skew: p3 / p2 ** 1.5, kurt: p4 / (p2 * p2) };
}

import { normCdf } from "../pricing/index.ts";
import { sharpeVarianceFactor } from "./sharpeSe.ts";

/**
 * Probabilistic Sharpe ratio (Bailey & López de Prado 2012): the probability that the true
 * per-observation Sharpe ratio exceeds `srStar`, given `sr` estimated from `n` observations of
 * the given skewness and raw kurtosis: Φ((sr − sr*)·√(n − 1) / √(1 − skew·sr + (kurt − 1)/4·sr²)),
 * as mlfinlab's `probabilistic_sharpe_ratio`. Below two observations there is no evidence either
 * way: 0.5. With no estimation error at all (a zero variance factor) it is 1, 0 or 0.5 by the sign of sr − sr*.
 */
export function psr(sr: number, srStar: number, n: number, skew = 0, kurt = 3): number {
  if (!Number.isFinite(srStar) || Number.isNaN(n)) throw new RangeError(`psr needs a finite benchmark and a count: ${srStar}, ${n}`);
  const factor = sharpeVarianceFactor(sr, skew, kurt);
  if (n < 2) return 0.5;
  if (factor === 0) return (1 + Math.sign(sr - srStar)) / 2;
  return normCdf(((sr - srStar) * Math.sqrt(n - 1)) / Math.sqrt(factor));
}

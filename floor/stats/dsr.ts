import { expectedMaxSharpe, type TrialSharpes } from "./expectedMaxSharpe.ts";
import { psr } from "./psr.ts";

/**
 * Deflated Sharpe ratio (Bailey & López de Prado 2014): the PSR of `sr` against SR₀, the best
 * Sharpe ratio that luck alone would have produced among the trials. `trials` holds every variant
 * ever tried, this one included (its clones and mutations too), else the deflation is too small.
 */
export function dsr(sr: number, trials: TrialSharpes, n: number, skew = 0, kurt = 3): number {
  return psr(sr, expectedMaxSharpe(trials), n, skew, kurt);
}

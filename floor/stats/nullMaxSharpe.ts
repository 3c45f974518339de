import { expectedMaxSharpe } from "./expectedMaxSharpe.ts";
import { sharpeSe } from "./sharpeSe.ts";

/**
 * SR₀ of the deflated Sharpe ratio from the null rather than from the trials' spread: the expected
 * best Sharpe ratio among `trials` variants of no skill, each estimated over `n` observations,
 * as a record of `n` is compared. Under H₀ (true SR 0) an estimate's sd is 1/√(n − 1) whatever the
 * returns' shape: the skew and kurtosis terms of its variance (Lo 2002, Mertens 2002; `sharpeSe`)
 * are multiplied by SR and vanish at 0. So SR₀·√(n − 1) is the expected maximum of `trials`
 * standard normals: the PSR against it asks whether the record beats the best that luck gives.
 * The DSR paper's SR₀ is this expectation; it estimates the spread from the trials because a
 * backtest's trials share one data set and are mostly of no skill. A floor's are neither
 * (docs/BOSS.md, "The trials"). One trial selects nothing: 0.
 */
export function nullMaxSharpe(n: number, trials: number): number {
  if (!Number.isInteger(n) || n < 2) throw new RangeError(`a Sharpe ratio needs at least two observations: ${n}`);
  return expectedMaxSharpe({ sd: sharpeSe(0, n), n: trials });
}

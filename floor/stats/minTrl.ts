import { normInv } from "../pricing/index.ts";
import { sharpeVarianceFactor } from "./sharpeSe.ts";

/**
 * Minimum track record length (Bailey & López de Prado 2012), in observations: how many it takes
 * before the PSR of `sr` against `srStar` leaves (α, 1 − α), i.e. before a record this good, or
 * this bad, is significant at level α: 1 + (1 − skew·sr + (kurt − 1)/4·sr²)·(Φ⁻¹(1 − α)/(sr − sr*))²,
 * as mlfinlab's `minimum_track_record_length`. It is symmetric in the sign of sr − sr*: for a
 * losing record it is the length that shows the true SR is below sr*. When sr equals sr* no
 * length can tell them apart: Infinity.
 */
export function minTrl(sr: number, srStar: number, skew = 0, kurt = 3, alpha = 0.05): number {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1): ${alpha}`);
  if (!Number.isFinite(srStar)) throw new RangeError(`not a finite benchmark: ${srStar}`);
  const factor = sharpeVarianceFactor(sr, skew, kurt);
  if (sr === srStar) return Infinity;
  return 1 + factor * (normInv(1 - alpha) / (sr - srStar)) ** 2;
}

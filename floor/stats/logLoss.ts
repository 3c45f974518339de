import { checkProbability } from "./checkProbability.ts";
import type { Forecast } from "./Forecast.ts";

/**
 * Mean −ln of the probability the forecast gave to what happened. A constant 0.5 scores ln 2
 * (≈ 0.693). Unlike Brier it punishes confident misses without bound, so p is clamped to
 * [eps, 1 − eps]: one p = 0 that missed would otherwise make the whole mean infinite.
 * Null for no forecasts.
 */
export function logLoss(rows: readonly Forecast[], eps = 1e-6): number | null {
  if (!(eps > 0 && eps < 0.5)) throw new RangeError(`eps must be in (0, 0.5): ${eps}`);
  if (rows.length === 0) return null;
  let sum = 0;
  for (const r of rows) sum += logScore(checkProbability(r.p), r.up, eps);
  return sum / rows.length;
}

/** One forecast's term of the log loss: −ln of the (clamped) probability it gave to what happened. */
export function logScore(p: number, up: boolean, eps = 1e-6): number {
  const q = Math.min(Math.max(p, eps), 1 - eps);
  return -Math.log(up ? q : 1 - q);
}

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
  for (const r of rows) {
    const p = Math.min(Math.max(checkProbability(r.p), eps), 1 - eps);
    sum -= Math.log(r.up ? p : 1 - p);
  }
  return sum / rows.length;
}

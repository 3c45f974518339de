import { checkProbability } from "./checkProbability.ts";
import type { Forecast } from "./Forecast.ts";

/**
 * Brier score: the mean of (p − outcome)², outcome 1 for Up and 0 for Down. 0 is perfect and a
 * constant 0.5 scores 0.25, whatever happens; null for no forecasts (no score is not a good score).
 */
export function brier(rows: readonly Forecast[]): number | null {
  if (rows.length === 0) return null;
  let sum = 0;
  for (const r of rows) sum += (checkProbability(r.p) - (r.up ? 1 : 0)) ** 2;
  return sum / rows.length;
}

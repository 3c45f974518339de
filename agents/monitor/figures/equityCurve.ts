import type { EquityPoint } from "../../../floor/stats/index.ts";

/** One point a minute of floor time to begin with; at most this many points in memory (and in a checkpoint: 200 agents × 360 points is about 2 MB). */
export const CURVE_EVERY_MS = 60_000;
export const CURVE_CAP = 360;

/** An equity curve sampled on floor time: at least `everyMs` between points, coarser as it grows. */
export interface EquityCurve {
  points: EquityPoint[];
  everyMs: number;
}

export const newCurve = (everyMs = CURVE_EVERY_MS): EquityCurve => ({ points: [], everyMs });

/** Is a point at `ts` due (the first, or `everyMs` after the last)? */
export const curveDue = (c: EquityCurve, ts: number): boolean => c.points.length === 0 || ts - c.points[c.points.length - 1]!.ts >= c.everyMs;

/**
 * Append a point. Past `cap` points the curve is thinned: every other point goes, counting back
 * from the newest (which stays), and the spacing doubles, so the whole history is kept at half
 * the resolution rather than its start forgotten.
 */
export function appendPoint(c: EquityCurve, p: EquityPoint, cap = CURVE_CAP): void {
  c.points.push(p);
  if (c.points.length <= cap) return;
  const last = c.points.length - 1;
  c.points = c.points.filter((_, i) => (last - i) % 2 === 0);
  c.everyMs *= 2;
}

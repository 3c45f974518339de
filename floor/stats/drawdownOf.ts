/** A point of an equity curve: floor ms and equity in any one unit (above 0 at the first point). */
export interface EquityPoint {
  ts: number;
  equity: number;
}

export interface Drawdown {
  /** The worst fall from the running peak, as a fraction of that peak (0 to 1). */
  max: number;
  /** When that worst point came; null for a curve that never fell. */
  maxAt: number | null;
  /** The longest time under a previous peak: from the peak to the point that regained it, or to the last point. */
  longestMs: number;
  /** The drawdown curve: for each point, the fraction below the running peak then. */
  curve: EquityPoint[];
}

/** Drawdown depth, duration and curve of an equity curve given oldest first. */
export function drawdownOf(points: readonly EquityPoint[]): Drawdown {
  const curve: EquityPoint[] = [];
  if (points.length === 0) return { max: 0, maxAt: null, longestMs: 0, curve };
  let peak = points[0]!.equity;
  if (!(peak > 0)) throw new RangeError(`an equity curve must start above 0: ${peak}`);
  let peakTs = points[0]!.ts;
  let max = 0;
  let maxAt: number | null = null;
  let longestMs = 0;
  let prevTs = -Infinity;
  let under = false;
  for (const p of points) {
    if (!Number.isFinite(p.equity) || !Number.isFinite(p.ts)) throw new RangeError(`not a finite equity point: ${p.ts}, ${p.equity}`);
    if (p.ts < prevTs) throw new RangeError(`equity points must be oldest first: ${p.ts} after ${prevTs}`);
    prevTs = p.ts;
    if (p.equity >= peak) {
      // Regaining the peak ends the time under water.
      if (under) longestMs = Math.max(longestMs, p.ts - peakTs);
      under = false;
      peak = p.equity;
      peakTs = p.ts;
      curve.push({ ts: p.ts, equity: 0 });
      continue;
    }
    under = true;
    const dd = (peak - p.equity) / peak;
    if (dd > max) {
      max = dd;
      maxAt = p.ts;
    }
    curve.push({ ts: p.ts, equity: dd });
  }
  // Still under water at the end: the span so far counts.
  if (under) longestMs = Math.max(longestMs, prevTs - peakTs);
  return { max, maxAt, longestMs, curve };
}

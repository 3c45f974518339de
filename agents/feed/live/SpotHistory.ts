import type { SpotPoint } from "./parseSpotFrame.ts";

/** Recent spot points in time order, bounded, to look up the price at a window's start (the strike). */
export class SpotHistory {
  private readonly points: SpotPoint[] = [];

  constructor(private readonly maxPoints = 4000) {}

  /** Add a point; out-of-order points are placed in order, exact repeats of a time replace it. */
  add(p: SpotPoint): void {
    let i = this.points.length;
    while (i > 0 && this.points[i - 1]!.tsMs > p.tsMs) i--;
    if (i > 0 && this.points[i - 1]!.tsMs === p.tsMs) this.points[i - 1] = p;
    else this.points.splice(i, 0, p);
    if (this.points.length > this.maxPoints) this.points.splice(0, this.points.length - this.maxPoints);
  }

  latest(): SpotPoint | undefined {
    return this.points.at(-1);
  }

  /**
   * The price in effect at `ts`: the last point at or before it when within `toleranceMs`,
   * else the first point after it when within tolerance, else undefined.
   */
  at(ts: number, toleranceMs: number): SpotPoint | undefined {
    let before: SpotPoint | undefined;
    let after: SpotPoint | undefined;
    for (let i = this.points.length - 1; i >= 0; i--) {
      const p = this.points[i]!;
      if (p.tsMs <= ts) {
        before = p;
        break;
      }
      after = p;
    }
    if (before && ts - before.tsMs <= toleranceMs) return before;
    if (after && after.tsMs - ts <= toleranceMs) return after;
    return undefined;
  }
}

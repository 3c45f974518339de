/** One spot observation: log price, and the base volume traded since the last one when the source records it. */
export interface SpotPoint {
  ts: number;
  logPrice: number;
  volume: number;
}

/**
 * The spot history a strategy looks back over (`horizonSec`), with running sums so that every
 * statistic a strategy reads on a tick costs O(1), whatever the lookback: a population of
 * traders each holding an hour of ticks must not loop over them on every book.
 * Points leave from the front as they age out (a head index, compacted now and then).
 */
export class SpotSeries {
  private pts: SpotPoint[] = [];
  private head = 0;
  /** Σ of squared log returns between consecutive points in the window, and Σ of squared returns per second elapsed. */
  private sumSq = 0;
  private sumSqPerSec = 0;
  private sumVolume = 0;
  /** Σ of the log prices in the window (the moving average's numerator). */
  private sumLog = 0;

  constructor(readonly horizonSec: number) {}

  push(ts: number, priceUsd: number, volume = 0): void {
    this.pushLog({ ts, logPrice: Math.log(priceUsd), volume });
  }

  private pushLog(p: SpotPoint): void {
    const ts = p.ts;
    const last = this.lastPoint();
    if (last) {
      const r = p.logPrice - last.logPrice;
      this.sumSq += r * r;
      this.sumSqPerSec += (r * r) / Math.max(1e-3, (ts - last.ts) / 1000);
    }
    this.pts.push(p);
    this.sumVolume += p.volume;
    this.sumLog += p.logPrice;
    this.trim(ts);
  }

  private trim(now: number): void {
    const limit = this.horizonSec * 1000;
    while (this.length > 1 && now - this.pts[this.head]!.ts > limit) {
      const a = this.pts[this.head]!;
      const b = this.pts[this.head + 1]!;
      const r = b.logPrice - a.logPrice;
      this.sumSq -= r * r;
      this.sumSqPerSec -= (r * r) / Math.max(1e-3, (b.ts - a.ts) / 1000);
      this.sumVolume -= a.volume;
      this.sumLog -= a.logPrice;
      this.head++;
    }
    if (this.length === 1 && now - this.pts[this.head]!.ts > limit) this.clearReturnSums();
    if (this.head > 1024 && this.head * 2 > this.pts.length) {
      this.pts = this.pts.slice(this.head);
      this.head = 0;
    }
  }

  /** A lone point left: no returns remain, nor any volume traded inside the window (its own log price stays in the mean). */
  private clearReturnSums(): void {
    this.sumSq = this.sumSqPerSec = this.sumVolume = 0;
  }

  get length(): number {
    return this.pts.length - this.head;
  }

  /** The i-th point of the window, oldest first (0 … length−1). */
  at(i: number): SpotPoint {
    return this.pts[this.head + i]!;
  }

  first(): SpotPoint | undefined {
    return this.length > 0 ? this.pts[this.head] : undefined;
  }

  lastPoint(): SpotPoint | undefined {
    return this.length > 0 ? this.pts[this.pts.length - 1] : undefined;
  }

  /** The latest spot price, USD (NaN before the first tick). */
  last(): number {
    const p = this.lastPoint();
    return p ? Math.exp(p.logPrice) : NaN;
  }

  /** Seconds between the oldest and the newest point. */
  spanSec(): number {
    return this.length > 1 ? (this.lastPoint()!.ts - this.first()!.ts) / 1000 : 0;
  }

  /** Realised variance per second: Σ r² over the time it spans (robust to irregular ticks and candles). */
  variancePerSec(): number | undefined {
    const span = this.spanSec();
    return this.length > 2 && span > 0 ? Math.max(0, this.sumSq) / span : undefined;
  }

  /** The mean of r²/Δt: each return's own variance per second (momentum's estimator). */
  meanSquaredRatePerSec(): number | undefined {
    return this.length > 2 ? Math.max(0, this.sumSqPerSec) / (this.length - 1) : undefined;
  }

  /** Log drift per second over the whole window. */
  driftPerSec(): number | undefined {
    const span = this.spanSec();
    return span > 0 ? (this.lastPoint()!.logPrice - this.first()!.logPrice) / span : undefined;
  }

  /**
   * The newest point at least `sec` seconds before the latest one (binary search: O(log n)), for
   * returns over a lag; undefined when the window does not reach that far back.
   */
  before(sec: number): SpotPoint | undefined {
    const last = this.lastPoint();
    if (!last) return undefined;
    const t = last.ts - sec * 1000;
    let lo = this.head;
    let hi = this.pts.length - 1;
    if (this.pts[lo]!.ts > t) return undefined;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.pts[mid]!.ts <= t) lo = mid;
      else hi = mid - 1;
    }
    return this.pts[lo];
  }

  /** Log return over the last `sec` seconds, when the window reaches that far. */
  returnOver(sec: number): number | undefined {
    const b = this.before(sec);
    return b ? this.lastPoint()!.logPrice - b.logPrice : undefined;
  }

  /** The mean log price of the points in the window (a moving average over them, in O(1)). */
  meanLogPrice(): number | undefined {
    return this.length > 0 ? this.sumLog / this.length : undefined;
  }

  /** Base volume over the window. */
  volume(): number {
    return Math.max(0, this.sumVolume);
  }

  /** The window and its running sums as they stand, so a resumed run continues bit for bit. */
  save(): SpotSeriesState {
    return { pts: this.pts.slice(this.head).map((p) => ({ ...p })), sums: [this.sumSq, this.sumSqPerSec, this.sumVolume, this.sumLog] };
  }

  restore(st: SpotSeriesState): void {
    this.pts = st.pts.map((p) => ({ ...p }));
    this.head = 0;
    [this.sumSq, this.sumSqPerSec, this.sumVolume] = st.sums;
    // A checkpoint from before the moving average carried three sums: rebuild the fourth from its points.
    this.sumLog = st.sums[3] ?? this.pts.reduce((s, p) => s + p.logPrice, 0);
  }
}

export interface SpotSeriesState {
  pts: SpotPoint[];
  sums: [number, number, number, number?];
}

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
  // Parallel arrays, not an object per point: a push allocates nothing, and a checkpoint is three
  // number arrays (hundreds of traders each hold up to an hour of ticks).
  private ts: number[] = [];
  /** Prices as given (USD), kept for the checkpoint: shorter in JSON than their logs, which restore recomputes exactly. */
  private px: number[] = [];
  private lp: number[] = [];
  private vol: number[] = [];
  private head = 0;
  /** Σ of squared log returns between consecutive points in the window, and Σ of squared returns per second elapsed. */
  private sumSq = 0;
  private sumSqPerSec = 0;
  private sumVolume = 0;
  /** Σ of the log prices in the window (the moving average's numerator). */
  private sumLog = 0;

  constructor(readonly horizonSec: number) {}

  push(ts: number, priceUsd: number, volume = 0): void {
    const logPrice = Math.log(priceUsd);
    const n = this.ts.length;
    if (n > this.head) {
      const r = logPrice - this.lp[n - 1]!;
      this.sumSq += r * r;
      this.sumSqPerSec += (r * r) / Math.max(1e-3, (ts - this.ts[n - 1]!) / 1000);
    }
    this.ts.push(ts);
    this.px.push(priceUsd);
    this.lp.push(logPrice);
    this.vol.push(volume);
    this.sumVolume += volume;
    this.sumLog += logPrice;
    this.trim(ts);
  }

  private trim(now: number): void {
    const limit = this.horizonSec * 1000;
    const { ts, px, lp, vol } = this;
    while (this.length > 1 && now - ts[this.head]! > limit) {
      const h = this.head;
      const r = lp[h + 1]! - lp[h]!;
      this.sumSq -= r * r;
      this.sumSqPerSec -= (r * r) / Math.max(1e-3, (ts[h + 1]! - ts[h]!) / 1000);
      this.sumVolume -= vol[h]!;
      this.sumLog -= lp[h]!;
      this.head++;
    }
    if (this.length === 1 && now - ts[this.head]! > limit) this.clearReturnSums();
    if (this.head > 1024 && this.head * 2 > ts.length) {
      this.ts = ts.slice(this.head);
      this.px = px.slice(this.head);
      this.lp = lp.slice(this.head);
      this.vol = vol.slice(this.head);
      this.head = 0;
    }
  }

  /** A lone point left: no returns remain, nor any volume traded inside the window (its own log price stays in the mean). */
  private clearReturnSums(): void {
    this.sumSq = this.sumSqPerSec = this.sumVolume = 0;
  }

  get length(): number {
    return this.ts.length - this.head;
  }

  private point(j: number): SpotPoint {
    return { ts: this.ts[j]!, logPrice: this.lp[j]!, volume: this.vol[j]! };
  }

  /** The i-th point of the window, oldest first (0 … length−1). */
  at(i: number): SpotPoint {
    return this.point(this.head + i);
  }

  first(): SpotPoint | undefined {
    return this.length > 0 ? this.point(this.head) : undefined;
  }

  lastPoint(): SpotPoint | undefined {
    return this.length > 0 ? this.point(this.ts.length - 1) : undefined;
  }

  /** The latest spot price, USD (NaN before the first tick). */
  last(): number {
    return this.length > 0 ? Math.exp(this.lp[this.lp.length - 1]!) : NaN;
  }

  /** Seconds between the oldest and the newest point. */
  spanSec(): number {
    return this.length > 1 ? (this.ts[this.ts.length - 1]! - this.ts[this.head]!) / 1000 : 0;
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
    return span > 0 ? (this.lp[this.lp.length - 1]! - this.lp[this.head]!) / span : undefined;
  }

  /**
   * The newest point at least `sec` seconds before the latest one (binary search: O(log n)), for
   * returns over a lag; undefined when the window does not reach that far back.
   */
  before(sec: number): SpotPoint | undefined {
    const j = this.indexBefore(sec);
    return j === undefined ? undefined : this.point(j);
  }

  private indexBefore(sec: number): number | undefined {
    const { ts } = this;
    if (this.length === 0) return undefined;
    const t = ts[ts.length - 1]! - sec * 1000;
    let lo = this.head;
    let hi = ts.length - 1;
    if (ts[lo]! > t) return undefined;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (ts[mid]! <= t) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Log return over the last `sec` seconds, when the window reaches that far. */
  returnOver(sec: number): number | undefined {
    const j = this.indexBefore(sec);
    return j === undefined ? undefined : this.lp[this.lp.length - 1]! - this.lp[j]!;
  }

  /** The mean log price of the points in the window (a moving average over them, in O(1)). */
  meanLogPrice(): number | undefined {
    return this.length > 0 ? this.sumLog / this.length : undefined;
  }

  /** Base volume over the window. */
  volume(): number {
    return Math.max(0, this.sumVolume);
  }

  /**
   * The window and its running sums as they stand, so a resumed run continues bit for bit: its
   * first time and the gaps after it (mostly "1000"), and the prices as given.
   */
  save(): SpotSeriesState {
    const h = this.head;
    const n = this.ts.length;
    const dt: number[] = [];
    for (let j = h + 1; j < n; j++) dt.push(this.ts[j]! - this.ts[j - 1]!);
    const vol = this.vol.slice(h);
    return { t0: n > h ? this.ts[h]! : 0, dt, px: this.px.slice(h), ...(vol.some((v) => v !== 0) ? { vol } : {}), sums: [this.sumSq, this.sumSqPerSec, this.sumVolume, this.sumLog] };
  }

  restore(st: SpotSeriesState | LegacySpotSeriesState): void {
    if ("pts" in st) {
      // A checkpoint from before the parallel arrays: one object per point, log prices only.
      this.ts = st.pts.map((p) => p.ts);
      this.lp = st.pts.map((p) => p.logPrice);
      this.px = this.lp.map((x) => Math.exp(x));
      this.vol = st.pts.map((p) => p.volume);
    } else {
      const ts = st.px.length > 0 ? [st.t0] : [];
      for (const d of st.dt) ts.push(ts[ts.length - 1]! + d);
      this.ts = ts;
      this.px = [...st.px];
      this.lp = st.px.map((x) => Math.log(x));
      this.vol = st.vol ? [...st.vol] : st.px.map(() => 0);
    }
    this.head = 0;
    [this.sumSq, this.sumSqPerSec, this.sumVolume] = st.sums;
    // A checkpoint from before the moving average carried three sums: rebuild the fourth from its points.
    this.sumLog = st.sums[3] ?? this.lp.reduce((s, x) => s + x, 0);
  }
}

export interface SpotSeriesState {
  /** The first point's time, then each point's gap from the one before (ms). */
  t0: number;
  dt: number[];
  /** Prices as pushed (USD). */
  px: number[];
  /** Absent when every point's volume is 0 (no recorded volume). */
  vol?: number[];
  sums: [number, number, number, number?];
}

interface LegacySpotSeriesState {
  pts: SpotPoint[];
  sums: [number, number, number, number?];
}

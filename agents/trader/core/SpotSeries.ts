import { packPoints, SpotTape, unpackPoints, type PackedPoints, type TapeReader } from "./SpotTape.ts";

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
 * It is a window onto a SpotTape: its own (a series used alone), or the one tape of its symbol
 * that every trader of the floor process shares (`useTape`). The window is [head, seen) in the
 * tape's absolute indices; a push takes in the tape's points up to the tick's own, one at a time,
 * adding and ageing out exactly what a series of its own would.
 */
export class SpotSeries implements TapeReader {
  private tape = new SpotTape();
  private shared = false;
  private started = false;
  /** First point in the window, and one past the last (absolute indices into the tape). */
  head = 0;
  seen = 0;
  /** Σ of squared log returns between consecutive points in the window, and Σ of squared returns per second elapsed. */
  private sumSq = 0;
  private sumSqPerSec = 0;
  private sumVolume = 0;
  /** Σ of the log prices in the window (the moving average's numerator). */
  private sumLog = 0;
  /** Times the tape no longer held this window (a reader left far behind) and it started over. */
  restarts = 0;

  constructor(readonly horizonSec: number) {
    this.tape.join(this);
  }

  /** Read `tape` (the floor's for this symbol) instead of a tape of its own; only before the first push. */
  useTape(tape: SpotTape): void {
    if (this.started) throw new Error("a spot series changes tape only before its first point");
    this.tape.leave(this);
    this.tape = tape;
    this.shared = true;
    tape.join(this);
  }

  /** Stop reading the tape (its points need no longer be kept for this window). */
  leave(): void {
    this.tape.leave(this);
  }

  /** A tick: onto the tape (once, whoever pushes it first under `id`), then into the window. */
  push(ts: number, priceUsd: number, volume = 0, id?: string): void {
    const t = this.tape;
    const at = t.push(ts, priceUsd, volume, id);
    if (!this.started || this.head < t.base || this.seen < t.base) {
      if (this.started) this.restarts++;
      this.started = true;
      this.head = this.seen = at;
      this.sumSq = this.sumSqPerSec = this.sumVolume = this.sumLog = 0;
    }
    while (this.seen <= at) this.takeIn(this.seen - t.base);
  }

  /** Tape point `i` (relative) joins the window, then old points age out as of its time. */
  private takeIn(i: number): void {
    const t = this.tape;
    if (this.seen > this.head) {
      this.sumSq += t.sq[i]!;
      this.sumSqPerSec += t.sqPerSec[i]!;
    }
    this.sumVolume += t.vol[i]!;
    this.sumLog += t.lp[i]!;
    this.seen++;
    this.trim(t.ts[i]!);
  }

  private trim(now: number): void {
    const limit = this.horizonSec * 1000;
    const { ts, lp, vol, sq, sqPerSec, base } = this.tape;
    while (this.seen - this.head > 1 && now - ts[this.head - base]! > limit) {
      const h = this.head - base;
      this.sumSq -= sq[h + 1]!;
      this.sumSqPerSec -= sqPerSec[h + 1]!;
      this.sumVolume -= vol[h]!;
      this.sumLog -= lp[h]!;
      this.head++;
    }
    if (this.seen - this.head === 1 && now - ts[this.head - base]! > limit) this.clearReturnSums();
  }

  /** A lone point left: no returns remain, nor any volume traded inside the window (its own log price stays in the mean). */
  private clearReturnSums(): void {
    this.sumSq = this.sumSqPerSec = this.sumVolume = 0;
  }

  get length(): number {
    return this.seen - this.head;
  }

  private point(j: number): SpotPoint {
    const t = this.tape;
    const i = j - t.base;
    return { ts: t.ts[i]!, logPrice: t.lp[i]!, volume: t.vol[i]! };
  }

  /** Log price and time of absolute point j. */
  private lpAt(j: number): number {
    return this.tape.lp[j - this.tape.base]!;
  }

  private tsAt(j: number): number {
    return this.tape.ts[j - this.tape.base]!;
  }

  /** The i-th point of the window, oldest first (0 … length−1). */
  at(i: number): SpotPoint {
    return this.point(this.head + i);
  }

  first(): SpotPoint | undefined {
    return this.length > 0 ? this.point(this.head) : undefined;
  }

  lastPoint(): SpotPoint | undefined {
    return this.length > 0 ? this.point(this.seen - 1) : undefined;
  }

  /** The latest spot price, USD (NaN before the first tick). */
  last(): number {
    return this.length > 0 ? Math.exp(this.lpAt(this.seen - 1)) : NaN;
  }

  /** Seconds between the oldest and the newest point. */
  spanSec(): number {
    return this.length > 1 ? (this.tsAt(this.seen - 1) - this.tsAt(this.head)) / 1000 : 0;
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
    return span > 0 ? (this.lpAt(this.seen - 1) - this.lpAt(this.head)) / span : undefined;
  }

  /**
   * The newest point at least `sec` seconds before the latest one (binary search: O(log n)), for
   * returns over a lag; undefined when the window does not reach that far back.
   */
  before(sec: number): SpotPoint | undefined {
    const j = this.indexBefore(sec);
    return j === undefined ? undefined : this.point(j);
  }

  /** Absolute index of that point. */
  private indexBefore(sec: number): number | undefined {
    if (this.length === 0) return undefined;
    const { ts, base } = this.tape;
    const t = ts[this.seen - 1 - base]! - sec * 1000;
    let lo = this.head - base;
    let hi = this.seen - 1 - base;
    if (ts[lo]! > t) return undefined;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (ts[mid]! <= t) lo = mid;
      else hi = mid - 1;
    }
    return lo + base;
  }

  /** Log return over the last `sec` seconds, when the window reaches that far. */
  returnOver(sec: number): number | undefined {
    const j = this.indexBefore(sec);
    return j === undefined ? undefined : this.lpAt(this.seen - 1) - this.lpAt(j);
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
   * The window and its running sums as they stand, so a resumed run continues bit for bit. On the
   * shared tape: where the window lies on it (the tape is saved once, by the floor). On a tape of
   * its own: its first time and the gaps after it (mostly "1000"), and the prices as given.
   */
  save(): SpotSeriesState | SharedSpotSeriesState {
    const sums: SpotSums = [this.sumSq, this.sumSqPerSec, this.sumVolume, this.sumLog];
    if (this.shared) return { head: this.head, seen: this.seen, started: this.started, sums };
    const { base } = this.tape;
    return { ...packPoints(this.tape, this.head - base, this.seen - base), sums };
  }

  restore(st: SpotSeriesState | SharedSpotSeriesState | LegacySpotSeriesState): void {
    if ("seen" in st) {
      if (!this.shared) throw new Error("a spot series saved on a shared tape restores only onto one (useTape first)");
      ({ head: this.head, seen: this.seen, started: this.started } = st);
      [this.sumSq, this.sumSqPerSec, this.sumVolume, this.sumLog] = st.sums as [number, number, number, number];
      return;
    }
    // A window saved on a tape of its own (or before tapes): a tape of its own again, holding just that window.
    this.tape.leave(this);
    this.tape = new SpotTape();
    this.shared = false;
    this.tape.join(this);
    if ("pts" in st) {
      // A checkpoint from before the parallel arrays: one object per point, log prices only.
      this.tape.load(st.pts.map((p) => p.ts), st.pts.map((p) => Math.exp(p.logPrice)), st.pts.map((p) => p.logPrice), st.pts.map((p) => p.volume));
    } else {
      const p = unpackPoints(st);
      this.tape.load(p.ts, p.px, p.lp, p.vol);
    }
    this.head = 0;
    this.seen = this.tape.end;
    this.started = this.seen > 0;
    [this.sumSq, this.sumSqPerSec, this.sumVolume] = st.sums;
    // A checkpoint from before the moving average carried three sums: rebuild the fourth from its points.
    this.sumLog = st.sums[3] ?? this.tape.lp.reduce((s, x) => s + x, 0);
  }
}

type SpotSums = [number, number, number, number?];

/** A window on the floor's shared tape of its symbol (the tape itself is saved once, by the floor). */
export interface SharedSpotSeriesState {
  head: number;
  seen: number;
  started: boolean;
  sums: SpotSums;
}

/** A window on a tape of its own: its points, packed, and its sums. */
export interface SpotSeriesState extends PackedPoints {
  sums: SpotSums;
}

interface LegacySpotSeriesState {
  pts: SpotPoint[];
  sums: [number, number, number, number?];
}

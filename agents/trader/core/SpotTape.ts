/** How many recent message ids a tape remembers, so a tick pushed by one trader is not pushed again by the next. */
const RECENT_IDS = 1024;
/** Compact once this many points lie before every reader's window (and more than half the arrays). */
const COMPACT_AFTER = 1024;

/** A reader this many points behind the tape is gone (a trader that stopped without leaving): it no longer holds points. */
const STALE_AFTER = 4096;

/** What a tape needs of a reader: the first point it still reads, and the point it has read up to (absolute indices). */
export interface TapeReader {
  readonly head: number;
  readonly seen: number;
}

/**
 * One symbol's spot ticks, held once for every trader of a floor process that follows it (each
 * reads its own window through a SpotSeries): 200 traders no longer keep 200 copies of an hour
 * of ticks, take 200 logs of each price, or write 200 copies into every checkpoint. Points have
 * absolute indices (`base` is the first one held). Each point also holds its squared log return
 * from the point before and that per second elapsed, computed once, so a reader's running sums
 * add exactly what its own computation used to. `push` is idempotent on a message id: the traders
 * receiving one tick all push it, and it is stored once.
 */
export class SpotTape {
  ts: number[] = [];
  /** Prices as given (USD), for the checkpoint; the logs are recomputed exactly from them. */
  px: number[] = [];
  lp: number[] = [];
  vol: number[] = [];
  /** Squared log return from the point before (0 for a tape's first point), and that over the seconds between them. */
  sq: number[] = [];
  sqPerSec: number[] = [];
  /** Absolute index of ts[0]. */
  base = 0;
  private readonly ids = new Map<string, number>();
  private readonly readers = new Set<TapeReader>();
  private compactAt = COMPACT_AFTER;

  /** Absolute index one past the newest point. */
  get end(): number {
    return this.base + this.ts.length;
  }

  /** Read from this tape (compaction keeps what `r.head` still needs); `leave` when done. */
  join(r: TapeReader): void {
    this.readers.add(r);
  }

  leave(r: TapeReader): void {
    this.readers.delete(r);
  }

  /** Append a tick, or find the one pushed under `id` already; returns its absolute index. */
  push(ts: number, priceUsd: number, volume: number, id?: string): number {
    if (id !== undefined) {
      const known = this.ids.get(id);
      if (known !== undefined && known >= this.base) return known;
    }
    const logPrice = Math.log(priceUsd);
    const n = this.ts.length;
    let sq = 0;
    let sqPerSec = 0;
    if (n > 0) {
      const r = logPrice - this.lp[n - 1]!;
      sq = r * r;
      sqPerSec = (r * r) / Math.max(1e-3, (ts - this.ts[n - 1]!) / 1000);
    }
    this.ts.push(ts);
    this.px.push(priceUsd);
    this.lp.push(logPrice);
    this.vol.push(volume);
    this.sq.push(sq);
    this.sqPerSec.push(sqPerSec);
    const at = this.base + n;
    if (id !== undefined) this.remember(id, at);
    if (n + 1 >= this.compactAt) this.compact();
    return at;
  }

  private remember(id: string, at: number): void {
    this.ids.set(id, at);
    if (this.ids.size > RECENT_IDS) this.ids.delete(this.ids.keys().next().value!);
  }

  /** The first point any reader still reads (the newest point when none does). */
  firstNeeded(): number {
    let min = Math.max(this.base, this.end - 1);
    for (const r of this.readers) {
      if (r.seen < this.end - STALE_AFTER) this.readers.delete(r);
      else if (r.head < min) min = Math.max(this.base, r.head);
    }
    return min;
  }

  /** Drop the points before every reader's window, when they are many (amortised O(1) a push). */
  private compact(): void {
    const drop = this.firstNeeded() - this.base;
    if (drop >= COMPACT_AFTER && drop * 2 > this.ts.length) this.dropFront(drop);
    this.compactAt = this.ts.length + COMPACT_AFTER;
  }

  private dropFront(drop: number): void {
    this.ts = this.ts.slice(drop);
    this.px = this.px.slice(drop);
    this.lp = this.lp.slice(drop);
    this.vol = this.vol.slice(drop);
    this.sq = this.sq.slice(drop);
    this.sqPerSec = this.sqPerSec.slice(drop);
    this.base += drop;
  }

  /** The points from the first any reader needs: its absolute index, first time and gaps, prices, volumes. */
  save(): SpotTapeState {
    const from = this.firstNeeded() - this.base;
    return { base: this.base + from, ...packPoints(this, from, this.ts.length) };
  }

  /**
   * The saved points from `st.base` on. The first one's return from the point before is not kept:
   * no window adds it (a window's first point brings no return), so it loads as 0.
   */
  restore(st: SpotTapeState): void {
    const p = unpackPoints(st);
    this.load(p.ts, p.px, p.lp, p.vol, st.base);
  }

  /** Hold exactly these points (log prices as given), the first at absolute index `base`. */
  load(ts: number[], px: number[], lp: number[], vol: number[], base = 0): void {
    this.ts = ts;
    this.px = px;
    this.lp = lp;
    this.vol = vol;
    this.sq = [];
    this.sqPerSec = [];
    for (let j = 0; j < ts.length; j++) {
      const r = j > 0 ? lp[j]! - lp[j - 1]! : 0;
      this.sq.push(r * r);
      this.sqPerSec.push(j > 0 ? (r * r) / Math.max(1e-3, (ts[j]! - ts[j - 1]!) / 1000) : 0);
    }
    this.base = base;
    this.ids.clear();
    this.compactAt = this.ts.length + COMPACT_AFTER;
  }
}

/** Points as a checkpoint keeps them: short in JSON (the gaps are mostly "1000"), the logs recomputed exactly on load. */
export interface PackedPoints {
  /** The first point's time, then each point's gap from the one before (ms). */
  t0: number;
  dt: number[];
  /** Prices as pushed (USD). */
  px: number[];
  /** Absent when every point's volume is 0 (no recorded volume). */
  vol?: number[];
}

export interface SpotTapeState extends PackedPoints {
  /** Absolute index of the first point. */
  base: number;
}

/** Points [from, to) of parallel arrays, packed. */
export function packPoints(a: { ts: readonly number[]; px: readonly number[]; vol: readonly number[] }, from: number, to: number): PackedPoints {
  const dt: number[] = [];
  for (let j = from + 1; j < to; j++) dt.push(a.ts[j]! - a.ts[j - 1]!);
  const vol = a.vol.slice(from, to);
  return { t0: to > from ? a.ts[from]! : 0, dt, px: a.px.slice(from, to), ...(vol.some((v) => v !== 0) ? { vol } : {}) };
}

/** What `packPoints` packed, as parallel arrays with the log prices. */
export function unpackPoints(p: PackedPoints): { ts: number[]; px: number[]; lp: number[]; vol: number[] } {
  const ts = p.px.length > 0 ? [p.t0] : [];
  for (const d of p.dt) ts.push(ts[ts.length - 1]! + d);
  return { ts, px: [...p.px], lp: p.px.map((x) => Math.log(x)), vol: p.vol ? [...p.vol] : p.px.map(() => 0) };
}

/** One minute of an underlying's spot: [minute start ms, high, low] (micro-USD). */
type Slice = [start: number, high: number, low: number];

const SLICE_MS = 60_000;

/**
 * How far each underlying has moved over the trailing window: its high over its low, less one,
 * from minute slices (so the window reaches up to a minute further back than its length). Kept by
 * the boss beside its actor, like Freshness: saved for an exact sim resume, rebuilt from the feed
 * after any other restart (the breaker it feeds keeps its own trip in the actor).
 */
export class SpotMoves {
  private slices = new Map<string, Slice[]>();

  constructor(private readonly windowMs: number) {}

  /** Take a tick; the move over the window up to it. */
  push(symbol: string, price: number, ts: number): number {
    const start = Math.floor(ts / SLICE_MS) * SLICE_MS;
    const kept = (this.slices.get(symbol) ?? []).filter(([s]) => s + SLICE_MS > ts - this.windowMs);
    const last = kept.at(-1);
    if (last && last[0] === start) kept[kept.length - 1] = [start, Math.max(last[1], price), Math.min(last[2], price)];
    else kept.push([start, price, price]);
    this.slices.set(symbol, kept);
    let high = -Infinity;
    let low = Infinity;
    for (const [, h, l] of kept) {
      high = Math.max(high, h);
      low = Math.min(low, l);
    }
    return high / low - 1;
  }

  save(): Map<string, Slice[]> {
    return new Map([...this.slices].map(([k, v]) => [k, v.map((s) => [...s] as Slice)]));
  }

  load(saved: Map<string, Slice[]>): void {
    this.slices = new Map([...saved].map(([k, v]) => [k, v.map((s) => [...s] as Slice)]));
  }
}

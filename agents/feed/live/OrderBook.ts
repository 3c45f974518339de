/** A price level in micro-units. */
export interface BookLevel {
  price: number;
  size: number;
}

export type ApplyResult = "applied" | "duplicate" | "stale";

export interface BookSeed {
  bids: readonly BookLevel[];
  asks: readonly BookLevel[];
  timestampMs: number;
  hash?: string;
  tickSize?: number;
  minSize?: number;
}

export interface BookChange {
  side: "BUY" | "SELL";
  price: number;
  /** The new aggregate size at the level (absolute, not a delta); 0 removes the level. */
  size: number;
  timestampMs: number;
  hash?: string;
}

export interface OrderBookOptions {
  /** Levels returned by `bids()`/`asks()` when no depth is given. */
  depth?: number;
  /** How many recent update keys are remembered to drop resends. */
  dedupeMemory?: number;
}

/**
 * One token's order book in micro-units, from a `book` snapshot (WS or REST) and `price_change`
 * levels. Levels live in maps, so the wire's ordering does not matter; reads are best first.
 * A resend (same hash, timestamp and level) is dropped; updates older than the last snapshot are stale.
 */
export class OrderBook {
  tickSize: number | undefined;
  minSize: number | undefined;
  /** Exchange time (ms) of the last snapshot or change applied; 0 before the first. */
  updatedAt = 0;
  private snapshotAt = -1;
  private readonly bidMap = new Map<number, number>();
  private readonly askMap = new Map<number, number>();
  private sorted: { bids: BookLevel[]; asks: BookLevel[] } | undefined;
  private readonly seen = new Set<string>();
  private readonly depth: number;
  private readonly memory: number;

  constructor(readonly assetId: string, opts: OrderBookOptions = {}) {
    this.depth = opts.depth ?? 50;
    this.memory = opts.dedupeMemory ?? 2048;
  }

  /** True once a snapshot has been applied. */
  get seeded(): boolean {
    return this.snapshotAt >= 0;
  }

  applySnapshot(s: BookSeed): ApplyResult {
    if (s.timestampMs < this.snapshotAt) return "stale";
    if (s.hash !== undefined && this.remember(`book|${s.hash}|${s.timestampMs}`)) return "duplicate";
    this.bidMap.clear();
    this.askMap.clear();
    for (const l of s.bids) if (l.size > 0) this.bidMap.set(l.price, l.size);
    for (const l of s.asks) if (l.size > 0) this.askMap.set(l.price, l.size);
    if (s.tickSize !== undefined) this.tickSize = s.tickSize;
    if (s.minSize !== undefined) this.minSize = s.minSize;
    this.snapshotAt = s.timestampMs;
    this.touch(s.timestampMs);
    return "applied";
  }

  applyChange(c: BookChange): ApplyResult {
    if (c.timestampMs < this.snapshotAt) return "stale";
    // The hash is of the book after the change: a real A→B→A move repeats it, a resend repeats everything.
    if (c.hash !== undefined && this.remember(`${c.hash}|${c.timestampMs}|${c.side}|${c.price}|${c.size}`)) return "duplicate";
    const map = c.side === "BUY" ? this.bidMap : this.askMap;
    if (c.size > 0) map.set(c.price, c.size);
    else map.delete(c.price);
    this.touch(c.timestampMs);
    return "applied";
  }

  setTickSize(tickSize: number, timestampMs: number): void {
    this.tickSize = tickSize;
    this.updatedAt = Math.max(this.updatedAt, timestampMs);
  }

  /** Bids best (highest) first, at most `n` levels. */
  bids(n = this.depth): BookLevel[] {
    return this.levels().bids.slice(0, n);
  }

  /** Asks best (lowest) first, at most `n` levels. */
  asks(n = this.depth): BookLevel[] {
    return this.levels().asks.slice(0, n);
  }

  bestBid(): BookLevel | undefined {
    return this.levels().bids[0];
  }

  bestAsk(): BookLevel | undefined {
    return this.levels().asks[0];
  }

  private levels(): { bids: BookLevel[]; asks: BookLevel[] } {
    if (!this.sorted) {
      const of = (m: Map<number, number>) => [...m].map(([price, size]) => ({ price, size }));
      this.sorted = { bids: of(this.bidMap).sort((a, b) => b.price - a.price), asks: of(this.askMap).sort((a, b) => a.price - b.price) };
    }
    return this.sorted;
  }

  private touch(ts: number): void {
    this.sorted = undefined;
    this.updatedAt = Math.max(this.updatedAt, ts);
  }

  /** Record `key`; true when it was already there. Oldest keys are forgotten past the memory bound. */
  private remember(key: string): boolean {
    if (this.seen.has(key)) return true;
    this.seen.add(key);
    if (this.seen.size > this.memory) this.seen.delete(this.seen.values().next().value as string);
    return false;
  }
}

export interface FreshnessState {
  lastSpot: number;
  lastBook: Map<string, number>;
  cadenceMs: number;
}

/**
 * What the boss knows of the market data's age: the floor time of the last spot tick and of
 * each market's last book, and the cadence each feed promised in its health events. The limit
 * is the configured maximum, or twice the slowest promised cadence when that is longer
 * (1-minute candles are not stale at 30 s).
 */
export class Freshness {
  private lastSpot = -Infinity;
  private lastBook = new Map<string, number>();
  private cadenceMs = 1000;

  constructor(private readonly maxAgeMs: number) {}

  /** What it has seen, for an exact sim resume (a -Infinity "never" survives checkpointJson). */
  save(): FreshnessState {
    return { lastSpot: this.lastSpot, lastBook: new Map(this.lastBook), cadenceMs: this.cadenceMs };
  }

  load(s: FreshnessState): void {
    this.lastSpot = s.lastSpot;
    this.lastBook = new Map(s.lastBook);
    this.cadenceMs = s.cadenceMs;
  }

  spot(ts: number): void {
    this.lastSpot = Math.max(this.lastSpot, ts);
  }

  book(marketId: string, ts: number): void {
    this.lastBook.set(marketId, Math.max(this.lastBook.get(marketId) ?? -Infinity, ts));
  }

  /** A market that has ended needs no memory. */
  forget(marketId: string): void {
    this.lastBook.delete(marketId);
  }

  cadence(expectedIntervalMs: number): void {
    this.cadenceMs = Math.max(this.cadenceMs, expectedIntervalMs);
  }

  at(now: number, marketId: string): { spotAgeMs: number; bookAgeMs: number; dataLimitMs: number } {
    return { spotAgeMs: now - this.lastSpot, bookAgeMs: now - (this.lastBook.get(marketId) ?? -Infinity), dataLimitMs: Math.max(this.maxAgeMs, 2 * this.cadenceMs) };
  }
}

import { MICRO, type Level } from "../../../protocols/index.ts";
import type { SimMaker } from "../../../protocols/config.ts";
import type { Rng } from "../../../floor/random/createRng.ts";

/** One maker's resting quotes on the Up token (bids best first, asks best first). */
export interface MakerQuotes {
  bids: Level[];
  asks: Level[];
}

/** A take from the book: one print per price level. */
export interface Take {
  price: number;
  size: number;
}

/**
 * The Up token's book of one simulated market as the makers' resting quotes, kept between
 * snapshots: what noise traders, whales and our own orders take stays taken until the maker
 * who quoted it requotes. Makers post only (a quote that would cross another maker's is
 * dropped), so the book is never crossed.
 */
export class MakerBook {
  private readonly quotes: MakerQuotes[];

  constructor(private readonly makers: readonly SimMaker[], private readonly tick: number) {
    this.quotes = makers.map(() => ({ bids: [], asks: [] }));
  }

  /** Every maker's quotes as they stand (copies), for a checkpoint. */
  save(): MakerQuotes[] {
    return this.quotes.map((q) => ({ bids: q.bids.map((l) => ({ ...l })), asks: q.asks.map((l) => ({ ...l })) }));
  }

  /** Put back what `save` returned. */
  load(quotes: readonly MakerQuotes[]): void {
    quotes.forEach((q, i) => (this.quotes[i] = { bids: q.bids.map((l) => ({ ...l })), asks: q.asks.map((l) => ({ ...l })) }));
  }

  /** Does maker `i` requote at `nowSec` (seconds since the epoch)? Makers are phased by index. */
  due(i: number, nowSec: number): boolean {
    return (nowSec + i) % this.makers[i]!.requoteSec === 0;
  }

  /** Withdraw maker `i`'s quotes (before the makers due this step post their new ones). */
  cancel(i: number): void {
    this.quotes[i] = { bids: [], asks: [] };
  }

  /**
   * Replace maker `i`'s quotes with levels around `fair` (probability of Up), post only. Prices
   * round away from fair (bids down, asks up, as a maker rounds in its own favour): the best
   * bid is at most fair − halfSpreadTicks ticks and the best ask at least fair + that (with 0,
   * the ticks either side of fair: a one-tick spread).
   */
  requote(i: number, fair: number, rng: Rng): void {
    const m = this.makers[i]!;
    this.quotes[i] = { bids: [], asks: [] };
    const q = quoteAround(fair * MICRO, this.tick, m, rng);
    const bestAsk = this.best("asks");
    const bestBid = this.best("bids");
    this.quotes[i] = {
      bids: q.bids.filter((l) => bestAsk === undefined || l.price < bestAsk),
      asks: q.asks.filter((l) => bestBid === undefined || l.price > bestBid),
    };
  }

  /** Best price on a side, if any. */
  best(side: "bids" | "asks"): number | undefined {
    let b: number | undefined;
    for (const q of this.quotes) {
      const p = q[side][0]?.price;
      if (p !== undefined && (b === undefined || (side === "bids" ? p > b : p < b))) b = p;
    }
    return b;
  }

  /** The aggregated book: sizes summed per price, bids descending, asks ascending. */
  snapshot(): { bids: Level[]; asks: Level[] } {
    const agg = (side: "bids" | "asks") => {
      const by = new Map<number, number>();
      for (const q of this.quotes) for (const l of q[side]) by.set(l.price, (by.get(l.price) ?? 0) + l.size);
      return [...by.entries()].map(([price, size]) => ({ price, size })).sort((a, b) => (side === "bids" ? b.price - a.price : a.price - b.price));
    };
    return { bids: agg("bids"), asks: agg("asks") };
  }

  /**
   * Take up to `size` from one side of the Up book, best price first, only at prices within
   * `limit` (≤ for asks, ≥ for bids); at one price, makers in index order. Returns the takes.
   */
  take(side: "bids" | "asks", size: number, limit: number): Take[] {
    const out: Take[] = [];
    let left = size;
    while (left > 0) {
      const p = this.best(side);
      if (p === undefined || (side === "asks" ? p > limit : p < limit)) break;
      let got = 0;
      for (const q of this.quotes) {
        const l = q[side][0];
        if (!l || l.price !== p || left === 0) continue;
        const n = Math.min(left, l.size);
        left -= n;
        got += n;
        if (n === l.size) q[side].shift();
        else q[side][0] = { price: l.price, size: l.size - n };
      }
      out.push({ price: p, size: got });
    }
    return out;
  }

  /**
   * Apply a print from elsewhere (our orders, through the paper exchange) to the resting quotes:
   * buying Up or selling Down takes asks, selling Up or buying Down takes bids, at that price.
   */
  applyPrint(outcome: "Up" | "Down", side: "BUY" | "SELL", price: number, size: number): void {
    const upPrice = outcome === "Up" ? price : MICRO - price;
    const takesAsks = (outcome === "Up") === (side === "BUY");
    this.take(takesAsks ? "asks" : "bids", size, upPrice);
  }
}

/** A maker's levels around `fairMicro`, on the tick grid inside (0, 1), rounded away from fair. */
function quoteAround(fairMicro: number, tick: number, m: SimMaker, rng: Rng): { bids: Level[]; asks: Level[] } {
  const bids: Level[] = [];
  const asks: Level[] = [];
  let bid0 = Math.floor(fairMicro / tick - m.halfSpreadTicks + 1e-9) * tick;
  let ask0 = Math.ceil(fairMicro / tick + m.halfSpreadTicks - 1e-9) * tick;
  // A zero half spread quotes the ticks either side of fair; a fair exactly on a tick would lock the maker's own book, so it steps out one tick each way.
  if (ask0 <= bid0) {
    bid0 -= tick;
    ask0 += tick;
  }
  for (let k = 0; k < m.levels; k++) {
    const b = bid0 - k * tick;
    const a = ask0 + k * tick;
    if (b >= tick && b <= MICRO - tick) bids.push({ price: b, size: rng.int(m.minShares, Math.max(m.minShares, m.maxShares)) * MICRO });
    if (a >= tick && a <= MICRO - tick) asks.push({ price: a, size: rng.int(m.minShares, Math.max(m.minShares, m.maxShares)) * MICRO });
  }
  return { bids, asks };
}

import type { Outcome } from "../../../protocols/index.ts";
import type { Broken } from "./Broken.ts";

const ONE = 1_000_000;

/** The best bid and ask of one Up-token book snapshot (micro; undefined for an empty side). */
export interface Top {
  bid?: number | undefined;
  ask?: number | undefined;
}

export interface PricedFill {
  side: "BUY" | "SELL";
  outcome: Outcome;
  price: number;
  liquidity?: "maker" | "taker" | undefined;
}

/**
 * A fill's price must be one the book could give. A maker fill is at its own order's limit (the
 * engine and the venue fill a resting order at its price). A taker fill walks the opposite side of
 * the one Up-token book, best level first, so it is never better than that side's best: an Up buy
 * (a Down sell) takes asks, an Up sell (a Down buy) takes bids, a Down price c being Up 1 − c.
 * `tops` are the snapshots the fill may have met (the last two seen: an arrival can be matched
 * against the view before the newest); the most favourable of them is the bound, so an honest fill
 * always passes. A side no snapshot showed is not judged, nor a fill of unknown liquidity.
 */
export function checkFillPrice(f: PricedFill, limit: number | undefined, tops: readonly Top[]): Broken | undefined {
  if (f.liquidity === "maker") {
    if (limit !== undefined && f.price !== limit) return { rule: "price.book", allowed: limit, actual: f.price, reason: `maker fill at ${f.price}, not its order's limit ${limit}` };
    return undefined;
  }
  if (f.liquidity !== "taker") return undefined;
  const takesAsks = (f.side === "BUY") === (f.outcome === "Up");
  const levels = tops.map((t) => (takesAsks ? t.ask : t.bid)).filter((p): p is number => p !== undefined);
  if (levels.length === 0) return undefined;
  const best = takesAsks ? Math.min(...levels) : Math.max(...levels); // in Up terms
  const bound = f.outcome === "Up" ? best : ONE - best; // in the fill's outcome terms
  const buying = f.side === "BUY";
  if (buying ? f.price < bound : f.price > bound) {
    return { rule: "price.book", allowed: bound, actual: f.price, reason: `taker ${f.side} ${f.outcome} at ${f.price}, better than the book's ${buying ? "lowest" : "highest"} ${bound}` };
  }
  return undefined;
}

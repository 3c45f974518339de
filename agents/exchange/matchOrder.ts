import type { Level } from "../../protocols/index.ts";
import { complement, walkBook, type Match } from "./walkBook.ts";

export interface UpBook {
  bids: Level[];
  asks: Level[];
}

export interface MarketableOrder {
  outcome: "Up" | "Down";
  side: "BUY" | "SELL";
  price: number;
  size: number;
}

/**
 * Match a marketable order against the Up token's book. Up and Down are one book seen from two
 * sides (buying Down at c is selling Up at 1 − c), as on Polymarket. Returns the matches and
 * the book left behind, so the liquidity an order takes is gone for the next one.
 */
export function matchOrder(book: UpBook, o: MarketableOrder): { matches: Match[]; remaining: number; book: UpBook } {
  const buy = o.side === "BUY";
  const acceptable = buy ? (p: number) => p <= o.price : (p: number) => p >= o.price;
  if (o.outcome === "Up") {
    const r = walkBook(buy ? book.asks : book.bids, o.size, acceptable);
    return { matches: r.matches, remaining: r.remaining, book: buy ? { bids: book.bids, asks: r.rest } : { bids: r.rest, asks: book.asks } };
  }
  const r = walkBook(complement(buy ? book.bids : book.asks), o.size, acceptable);
  const rest = complement(r.rest);
  return { matches: r.matches, remaining: r.remaining, book: buy ? { bids: rest, asks: book.asks } : { bids: book.bids, asks: rest } };
}

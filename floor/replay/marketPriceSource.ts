import type { RecordedBook } from "./recordedBooks.ts";
import type { ReplayDataset, ReplayMarket } from "./ReplayDataset.ts";

type Window = Pick<ReplayMarket, "marketId" | "startTs" | "endTs">;

/** What the data records of a window's market price while it trades, in time order. */
export type MarketPrices = { source: "books"; books: RecordedBook[] } | { source: "prices"; points: Array<{ ts: number; price: number }> };

/**
 * A window's recorded market price while it trades: its Up-token books (the floor's own format,
 * from `floor record`), else its Up price history, else nothing (then the replay has no book for
 * it and PnL there is not measurable). Only what falls inside [start, end) counts.
 */
export function marketPrices(d: ReplayDataset, m: Window): MarketPrices | undefined {
  const inside = (t: number) => t >= m.startTs && t < m.endTs;
  const books = d.books?.get(m.marketId)?.filter((b) => inside(b.ts));
  if (books && books.length > 0) return { source: "books", books };
  const h = d.upPrices.get(m.marketId);
  const points: Array<{ ts: number; price: number }> = [];
  if (h) for (let i = 0; i < h.ts.length; i++) if (inside(h.ts[i]!)) points.push({ ts: h.ts[i]!, price: h.price[i]! });
  return points.length > 0 ? { source: "prices", points } : undefined;
}

export function marketPriceSource(d: ReplayDataset, m: Window): MarketPrices["source"] | undefined {
  return marketPrices(d, m)?.source;
}

/** Floor times at which the data records the window's market price (its books, or its Up prices). */
export function marketPriceTimes(d: ReplayDataset, m: Window): number[] {
  const p = marketPrices(d, m);
  return p === undefined ? [] : p.source === "books" ? p.books.map((b) => b.ts) : p.points.map((x) => x.ts);
}

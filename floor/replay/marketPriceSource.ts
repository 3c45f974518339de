import type { ReplayDataset, ReplayMarket } from "./ReplayDataset.ts";

/**
 * What the data records of a window's market price while it trades: its Up-token books (the
 * floor's own format, from `floor record`), else its Up price history, else nothing (then the
 * replay has no book for it and PnL there is not measurable).
 */
export function marketPriceSource(d: ReplayDataset, m: Pick<ReplayMarket, "marketId" | "startTs" | "endTs">): "books" | "prices" | undefined {
  const inside = (t: number) => t >= m.startTs && t < m.endTs;
  if (d.books?.get(m.marketId)?.some((b) => inside(b.ts))) return "books";
  if (d.upPrices.get(m.marketId)?.ts.some(inside)) return "prices";
  return undefined;
}

/** Floor times at which the data records the window's market price (its books, or its Up prices). */
export function marketPriceTimes(d: ReplayDataset, m: Pick<ReplayMarket, "marketId" | "startTs" | "endTs">): number[] {
  const src = marketPriceSource(d, m);
  const ts = src === "books" ? d.books!.get(m.marketId)!.map((b) => b.ts) : src === "prices" ? [...d.upPrices.get(m.marketId)!.ts] : [];
  return ts.filter((t) => t >= m.startTs && t < m.endTs);
}

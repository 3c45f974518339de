import { MICRO, type Level } from "../../protocols/index.ts";
import { BookEvent } from "../adapters/polymarket/index.ts";
import { readJsonLines } from "./readJson.ts";
import type { ReplayMarket } from "./ReplayDataset.ts";

/** One recorded snapshot of a window's Up-token book: bids best first (descending), asks best first (ascending). */
export interface RecordedBook {
  ts: number;
  bids: Level[];
  asks: Level[];
}

/** The file of recorded books in the floor's own format: Polymarket market-channel `book` frames, one a line. */
export const BOOK_EVENTS = "book-events.jsonl";

/**
 * Read `book-events.jsonl` to each window's Up-token books, in time order. Frames are Polymarket's
 * own (`event_type: "book"`, decimal strings); their level order is not trusted (the live feed sends
 * best last), so levels are sorted here. Books of other tokens (the Down side) are not the Up book
 * the floor trades against and are left out; a malformed line is an error naming file and line.
 */
export function readRecordedBooks(path: string, markets: readonly ReplayMarket[]): Map<string, RecordedBook[]> {
  const byToken = new Map(markets.map((m) => [m.upTokenId, m.marketId]));
  const out = new Map<string, RecordedBook[]>();
  for (const e of readJsonLines(path, BookEvent)) {
    const marketId = byToken.get(e.asset_id);
    if (!marketId) continue;
    const live = (l: Level) => l.size > 0;
    const book = { ts: e.timestamp, bids: e.bids.filter(live).sort((a, b) => b.price - a.price), asks: e.asks.filter(live).sort((a, b) => a.price - b.price) };
    out.set(marketId, [...(out.get(marketId) ?? []), book]);
  }
  for (const books of out.values()) books.sort((a, b) => a.ts - b.ts);
  return out;
}

const dec = (micro: number) => String(micro / MICRO);

/** One recorded book as a market-channel `book` frame (what `readRecordedBooks` reads back). */
export function bookEventLine(m: Pick<ReplayMarket, "upTokenId" | "conditionId" | "marketId">, b: RecordedBook): string {
  const level = (l: Level) => ({ price: dec(l.price), size: dec(l.size) });
  return JSON.stringify({ event_type: "book", asset_id: m.upTokenId, market: m.conditionId ?? m.marketId, timestamp: String(b.ts), bids: b.bids.map(level), asks: b.asks.map(level) });
}

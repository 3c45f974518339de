import type { LastTradePriceEvent, MarketChannelEvent, MarketResolvedEvent } from "../../../floor/adapters/polymarket/index.ts";
import type { ApplyResult, OrderBook } from "./OrderBook.ts";

/** What one market-channel event did to the books it concerns. */
export interface ApplyOutcome {
  /** Books that changed (each once). */
  books: OrderBook[];
  trade?: LastTradePriceEvent;
  resolved?: MarketResolvedEvent;
  duplicates: number;
  stale: number;
}

/**
 * Apply one parsed event to the books of the followed tokens (pure apart from the books).
 * Events for other tokens change nothing; `market_resolved` is passed on whatever the market,
 * since the channel broadcasts it to every connection.
 */
export function applyMarketEvent(books: ReadonlyMap<string, OrderBook>, e: MarketChannelEvent): ApplyOutcome {
  const out: ApplyOutcome = { books: [], duplicates: 0, stale: 0 };
  const count = (r: ApplyResult): boolean => {
    if (r === "duplicate") out.duplicates++;
    if (r === "stale") out.stale++;
    return r === "applied";
  };
  switch (e.event_type) {
    case "book": {
      const book = books.get(e.asset_id);
      if (book && count(book.applySnapshot({ bids: e.bids, asks: e.asks, timestampMs: e.timestamp, hash: e.hash, tickSize: e.tick_size }))) out.books.push(book);
      break;
    }
    case "price_change": {
      const touched = new Set<OrderBook>();
      for (const c of e.price_changes) {
        const book = books.get(c.asset_id);
        if (book && count(book.applyChange({ side: c.side, price: c.price, size: c.size, hash: c.hash, timestampMs: e.timestamp }))) touched.add(book);
      }
      out.books.push(...touched);
      break;
    }
    case "tick_size_change": {
      const book = books.get(e.asset_id);
      if (book) {
        book.setTickSize(e.new_tick_size, e.timestamp);
        out.books.push(book);
      }
      break;
    }
    case "last_trade_price":
      if (books.has(e.asset_id)) out.trade = e;
      break;
    case "market_resolved":
      out.resolved = e;
      break;
    case "best_bid_ask":
      break; // the book already says it
  }
  return out;
}

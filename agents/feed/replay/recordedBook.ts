import { MICRO, type Level } from "../../../protocols/index.ts";

/** The book the replay stands around a recorded price where the data has no book of its own. */
export interface RecordedBookModel {
  /** Least distance from the recorded price to the best bid and to the best ask, USD. */
  halfSpread: number;
  /** Levels a side, one tick apart beyond the best. */
  levels: number;
  /** Shares on each level. */
  sharesPerLevel: number;
}

/**
 * Conservative on purpose (docs/DATA.md, "Fills"): crypto Up/Down books show a 1.0¢ median and a
 * 2.8¢ p90 spread, and $5k–$15k a side in active sessions (research-2026-12.md §6). The replay
 * quotes at least 1¢ either side of the recorded price (a 2¢ spread or wider, rounded away from
 * the price onto the tick) and 5 × 500 shares a side, about a quarter of the thinnest depth seen.
 */
export const RECORDED_BOOK: RecordedBookModel = { halfSpread: 0.01, levels: 5, sharesPerLevel: 500 };

/** Bids best first (descending) and asks best first (ascending) around `price`, inside [tick, 1 − tick]. */
export function recordedBook(price: number, tickMicro: number, m: RecordedBookModel = RECORDED_BOOK): { bids: Level[]; asks: Level[] } {
  const p = Math.round(price * MICRO);
  const half = Math.max(tickMicro, Math.round(m.halfSpread * MICRO));
  const bestBid = Math.floor((p - half) / tickMicro) * tickMicro;
  const bestAsk = Math.ceil((p + half) / tickMicro) * tickMicro;
  const size = m.sharesPerLevel * MICRO;
  const bids: Level[] = [];
  const asks: Level[] = [];
  for (let i = 0; i < m.levels; i++) {
    const bid = bestBid - i * tickMicro;
    const ask = bestAsk + i * tickMicro;
    if (bid >= tickMicro) bids.push({ price: bid, size });
    if (ask <= MICRO - tickMicro) asks.push({ price: ask, size });
  }
  return { bids, asks };
}

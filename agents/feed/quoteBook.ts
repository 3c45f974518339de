import { MICRO, type Level } from "../../protocols/index.ts";
import type { Rng } from "../../floor/random/createRng.ts";

export interface BookModel {
  /** Levels per side. */
  bookLevels: number;
  /** Half the spread at the top, in ticks. */
  halfSpreadTicks: number;
  /** Shares per level are drawn uniformly from this range. */
  minLevelShares: number;
  maxLevelShares: number;
}

/**
 * A simple maker's two-sided book around `fair` (probability of Up): prices on the tick grid,
 * inside [tick, 1 − tick], bids best first (descending) and asks best first (ascending).
 */
export function quoteBook(fair: number, tickMicro: number, m: BookModel, rng: Rng): { bids: Level[]; asks: Level[] } {
  const lo = tickMicro;
  const hi = MICRO - tickMicro;
  const mid = Math.min(hi, Math.max(lo, Math.round((fair * MICRO) / tickMicro) * tickMicro));
  const bids: Level[] = [];
  const asks: Level[] = [];
  const size = () => rng.int(m.minLevelShares, m.maxLevelShares) * MICRO;
  for (let i = 0; i < m.bookLevels; i++) {
    const off = (m.halfSpreadTicks + i) * tickMicro;
    const bid = mid - off;
    const ask = mid + off;
    if (bid >= lo && bid <= hi) bids.push({ price: bid, size: size() });
    if (ask >= lo && ask <= hi) asks.push({ price: ask, size: size() });
  }
  return { bids, asks };
}

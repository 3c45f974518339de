import type { MarketView, Strategy } from "./Strategy.ts";

/** Fewest spot points to estimate from: 3 lets 1-minute candles qualify. */
const MIN_POINTS = 3;

/**
 * What every strategy keeps: log spot over the lookback, the window it trades, the top of that
 * window's book, and which window it has entered. Its `feed` methods are the Strategy's inputs.
 */
export interface MarketState {
  prices: Array<{ ts: number; logPrice: number }>;
  market: MarketView | null;
  bid: number | undefined;
  ask: number | undefined;
  entered: string | undefined;
  lastSpot(): number;
  feed: Pick<Strategy, "onSpot" | "onMarket" | "onBook" | "ready">;
}

export function marketState(lookbackSec: number): MarketState {
  const s: MarketState = {
    prices: [],
    market: null,
    bid: undefined,
    ask: undefined,
    entered: undefined,
    lastSpot: () => Math.exp(s.prices[s.prices.length - 1]!.logPrice),
    feed: {
      onSpot(price, ts) {
        s.prices.push({ ts, logPrice: Math.log(price) });
        while (s.prices.length > 0 && ts - s.prices[0]!.ts > lookbackSec * 1000) s.prices.shift();
      },
      onMarket(m) {
        s.market = m;
        s.bid = s.ask = undefined;
      },
      onBook(marketId, b, a) {
        if (marketId !== s.market?.marketId) return;
        s.bid = b;
        s.ask = a;
      },
      ready: () => s.prices.length >= MIN_POINTS && s.prices[s.prices.length - 1]!.ts - s.prices[0]!.ts >= lookbackSec * 500,
    },
  };
  return s;
}

export { MIN_POINTS };

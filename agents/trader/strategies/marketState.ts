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
  feed: Pick<Strategy, "onSpot" | "onMarket" | "onBook" | "ready" | "save" | "restore">;
}

/** The data of a MarketState: what a checkpoint keeps. */
type MarketData = Pick<MarketState, "prices" | "market" | "bid" | "ask" | "entered">;

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
      save: (): MarketData => ({ prices: s.prices.map((p) => ({ ...p })), market: s.market, bid: s.bid, ask: s.ask, entered: s.entered }),
      restore(state) {
        const d = state as MarketData;
        s.prices = d.prices.map((p) => ({ ...p }));
        s.market = d.market;
        s.bid = d.bid;
        s.ask = d.ask;
        s.entered = d.entered;
      },
      ready: () => s.prices.length >= MIN_POINTS && s.prices[s.prices.length - 1]!.ts - s.prices[0]!.ts >= lookbackSec * 500,
    },
  };
  return s;
}

export { MIN_POINTS };

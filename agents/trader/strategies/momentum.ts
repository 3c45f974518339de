import { MICRO, type MomentumParams } from "../../../protocols/index.ts";
import { kellyFraction, upProbability } from "../../../floor/pricing/index.ts";
import type { MarketView, Signal, Strategy } from "./Strategy.ts";

const SHARE_STEP = 10_000; // sizes in hundredths of a share, as the CLOB takes them
/** Fewest spot points to estimate drift and volatility from: 3 lets 1-minute candles qualify. */
const MIN_POINTS = 3;

/**
 * Momentum: expects the recent drift of spot to carry on to the window's close. Its belief is
 * the log-normal chance of finishing at or above the strike with that drift and the realised
 * volatility; it buys whichever side is cheaper than that belief by at least `minEdge` after
 * the taker fee, sized by fractional Kelly. One entry per market window.
 */
export function momentum(p: MomentumParams): Strategy {
  const prices: Array<{ ts: number; logPrice: number }> = [];
  let market: MarketView | null = null;
  let bid: number | undefined;
  let ask: number | undefined;
  let entered: string | undefined;

  function estimate(): { spot: number; drift: number; sigma: number } | undefined {
    if (prices.length < MIN_POINTS) return undefined;
    const first = prices[0]!;
    const last = prices[prices.length - 1]!;
    const span = (last.ts - first.ts) / 1000;
    if (span <= 0) return undefined;
    let ss = 0;
    for (let i = 1; i < prices.length; i++) {
      const dt = Math.max(1e-3, (prices[i]!.ts - prices[i - 1]!.ts) / 1000);
      ss += (prices[i]!.logPrice - prices[i - 1]!.logPrice) ** 2 / dt;
    }
    return { spot: Math.exp(last.logPrice), drift: ((last.logPrice - first.logPrice) / span) * p.driftWeight, sigma: Math.sqrt(ss / (prices.length - 1)) };
  }

  return {
    onSpot(price, ts) {
      prices.push({ ts, logPrice: Math.log(price) });
      while (prices.length > 0 && ts - prices[0]!.ts > p.lookbackSec * 1000) prices.shift();
    },
    onMarket(m) {
      market = m;
      bid = ask = undefined;
    },
    onBook(marketId, b, a) {
      if (marketId !== market?.marketId) return;
      bid = b;
      ask = a;
    },
    ready: () => prices.length >= MIN_POINTS && prices[prices.length - 1]!.ts - prices[0]!.ts >= p.lookbackSec * 500,
    decide(now, cash) {
      const m = market;
      if (!m || entered === m.marketId || bid === undefined || ask === undefined) return undefined;
      if (now - m.startTs < p.entryAfterSec * 1000 || m.endTs - now < p.exitBeforeSec * 1000) return undefined;
      const e = estimate();
      if (!e || e.sigma <= 0) return undefined;
      const pUp = upProbability(e.spot, m.strike, e.sigma, (m.endTs - now) / 1000, e.drift);
      const sides = [
        { outcome: "Up" as const, tokenId: m.upTokenId, cost: ask, belief: pUp },
        { outcome: "Down" as const, tokenId: m.downTokenId, cost: MICRO - bid, belief: 1 - pUp },
      ].map((s) => {
        const c = s.cost / MICRO;
        const feeShare = m.fee.rate * (c * (1 - c)) ** m.fee.exponent; // a buy's fee is paid in shares
        return { ...s, c, value: s.belief * (1 - feeShare) };
      });
      const best = sides.reduce((a, b) => (b.value - b.c > a.value - a.c ? b : a));
      if (best.value - best.c < p.minEdge || best.c > p.maxPrice || best.c < p.minPrice) return undefined;
      const stake = kellyFraction(best.value, best.c, p.kellyFraction) * cash;
      const size = Math.floor(stake / best.c / SHARE_STEP) * SHARE_STEP;
      if (size < m.minSize) return undefined;
      entered = m.marketId;
      return { marketId: m.marketId, tokenId: best.tokenId, outcome: best.outcome, side: "BUY", type: "FAK", price: best.cost, size, belief: best.belief };
    },
    describe: () => ({ strategy: "momentum", window: prices.length, market: market?.marketId ?? null, entered: entered ?? null }),
  };
}

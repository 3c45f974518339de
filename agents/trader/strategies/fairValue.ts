import { MICRO } from "../../../protocols/index.ts";
import type { FairValueParams } from "../../../protocols/config.ts";
import { kellyFraction, upProbability } from "../../../floor/pricing/index.ts";
import type { MarketView, Signal, Strategy } from "./Strategy.ts";

const SHARE_STEP = 10_000; // sizes in hundredths of a share, as the CLOB takes them
const MIN_POINTS = 3;

/**
 * Fair value: the informed taker. Its belief is the driftless log-normal chance that spot ends
 * at or above the strike, from the current spot and the realised volatility of the last
 * `lookbackSec`; makers who quote around a stale or noisy value leave quotes it can take. It
 * buys whichever side is cheaper than that belief by at least `minEdge` after the taker fee,
 * sized by fractional Kelly. One entry per market window.
 */
export function fairValue(p: FairValueParams): Strategy {
  const prices: Array<{ ts: number; logPrice: number }> = [];
  let market: MarketView | null = null;
  let bid: number | undefined;
  let ask: number | undefined;
  let entered: string | undefined;

  /** Realised volatility per second: the mean of squared returns over their time. */
  function sigma(): number | undefined {
    if (prices.length < MIN_POINTS) return undefined;
    let ss = 0;
    for (let i = 1; i < prices.length; i++) ss += (prices[i]!.logPrice - prices[i - 1]!.logPrice) ** 2;
    const span = (prices[prices.length - 1]!.ts - prices[0]!.ts) / 1000;
    return span > 0 ? Math.sqrt(ss / span) : undefined;
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
      if (!m || entered === m.marketId) return undefined;
      if (now - m.startTs < p.entryAfterSec * 1000 || m.endTs - now < p.exitBeforeSec * 1000) return undefined;
      const s = sigma();
      if (!s || s <= 0) return undefined;
      const spot = Math.exp(prices[prices.length - 1]!.logPrice);
      const pUp = upProbability(spot, m.strike, s, (m.endTs - now) / 1000);
      const sides = [
        ...(ask !== undefined ? [{ outcome: "Up" as const, tokenId: m.upTokenId, cost: ask, belief: pUp }] : []),
        ...(bid !== undefined ? [{ outcome: "Down" as const, tokenId: m.downTokenId, cost: MICRO - bid, belief: 1 - pUp }] : []),
      ].map((x) => {
        const c = x.cost / MICRO;
        const feeShare = m.fee.rate * (c * (1 - c)) ** m.fee.exponent; // a buy's fee is paid in shares
        return { ...x, c, value: x.belief * (1 - feeShare) };
      });
      if (sides.length === 0) return undefined;
      const best = sides.reduce((a, b) => (b.value - b.c > a.value - a.c ? b : a));
      if (best.value - best.c < p.minEdge || best.c > p.maxPrice || best.c < p.minPrice) return undefined;
      const stake = kellyFraction(best.value, best.c, p.kellyFraction) * cash;
      const size = Math.floor(stake / best.c / SHARE_STEP) * SHARE_STEP;
      if (size < m.minSize) return undefined;
      entered = m.marketId;
      return { marketId: m.marketId, tokenId: best.tokenId, outcome: best.outcome, side: "BUY", type: "FAK", price: best.cost, size, belief: best.belief };
    },
    describe: () => ({ strategy: "fairValue", window: prices.length, market: market?.marketId ?? null, entered: entered ?? null }),
  };
}

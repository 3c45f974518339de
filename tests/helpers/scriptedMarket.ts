import { MICRO, type FeeSchedule } from "../../protocols/index.ts";
import { strategyCore, type Action, type MarketView, type Signal, type StrategyDef } from "../../agents/trader/core/index.ts";

/** The venue's crypto schedule (0.07, exponent 1, in pUSD). */
export const CRYPTO_FEE: FeeSchedule = { rate: 0.07, exponent: 1, takerOnly: true };

export interface ScriptOptions {
  /** Strike, USD. */
  strike?: number;
  /** The window's open (ms) and length (s). */
  startTs?: number;
  windowSec?: number;
}

/**
 * One strategy on a scripted market: the shared core made from the strategy's definition and
 * parameters (schema defaults filled in), one 15-minute window, and calls that play the feed's part
 * (spot ticks, the Up book, public prints) and ask the core what it would do. Prices in USD and
 * probabilities here; the helper converts to the micro-units the core takes.
 */
export function scriptedMarket<P extends StrategyDef>(def: P, params: Record<string, unknown> = {}, opts: ScriptOptions = {}) {
  const p = def.params.parse(params);
  const core = strategyCore(def.name, def.create(p), p);
  const startTs = opts.startTs ?? 0;
  const market: MarketView = {
    marketId: "btc-updown-15m-test",
    upTokenId: "1",
    downTokenId: "2",
    strike: opts.strike ?? 100_000,
    startTs,
    endTs: startTs + (opts.windowSec ?? 900) * 1000,
    fee: CRYPTO_FEE,
    tickSize: 10_000,
    minSize: 5 * MICRO,
  };
  return {
    core,
    market,
    params: p,
    open: () => core.onMarket(market),
    spot: (ts: number, priceUsd: number, volume?: number) => core.onSpot(priceUsd, ts, volume),
    /** Spot once a second over [from, to) seconds, its price a function of the second. */
    spotPath(fromSec: number, toSec: number, price: (sec: number) => number, volume?: (sec: number) => number) {
      for (let s = fromSec; s < toSec; s++) core.onSpot(price(s), s * 1000, volume?.(s));
    },
    /** The Up book one tick either side of `mid` (a probability), a thousand shares a side. */
    book(ts: number, mid: number) {
      const tick = market.tickSize;
      const m = Math.round((mid * MICRO) / tick) * tick;
      core.onBook(market.marketId, { bid: Math.max(tick, m - tick), ask: Math.min(MICRO - tick, m + tick), bidSize: 1000 * MICRO, askSize: 1000 * MICRO, ts });
    },
    /** A public print: a taker bought Up (`up`) or sold it, `shares` of it at `price`. */
    print(ts: number, up: boolean, shares: number, price = 0.5) {
      core.onTrade(market.marketId, market.upTokenId, Math.round(price * MICRO), shares * MICRO, up ? "BUY" : "SELL", ts);
    },
    decide: (now: number, cashUsd = 1000): readonly Action[] => core.decide(now, { cash: cashUsd * MICRO, capital: cashUsd * MICRO, mode: "trading" }),
    /** The orders the core would place now. */
    orders(now: number, cashUsd = 1000): Signal[] {
      return this.decide(now, cashUsd).flatMap((a) => (a.type === "order" ? [a.order] : []));
    },
    pUp: (now: number) => core.belief(now)?.pUp,
  };
}

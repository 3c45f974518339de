import { z } from "zod";
import { ordered } from "../../../protocols/index.ts";
import { upProbability } from "../../../floor/pricing/index.ts";
import { defineStrategy } from "./defineStrategy.ts";
import { marketState, MIN_POINTS } from "./marketState.ts";
import { pickEntry } from "./pickEntry.ts";
import type { MarketView, Strategy } from "./Strategy.ts";
import { entryParams } from "./entryParams.ts";
import { updatable } from "./updatable.ts";

/** Its parameters; `updatable` ones apply to a running trader, the others restart it. */
export const MomentumParams = z
  .object({
    /** Seconds of spot history used to estimate drift and volatility (sizes its history: a restart). */
    lookbackSec: z.number().int().min(10).max(3600).default(120),
    /** How much of the recent drift it expects to continue (0 = none, 1 = all). */
    driftWeight: updatable(z.number().min(0).max(5).default(1)),
    ...entryParams({ minEdge: 0.04, kellyFraction: 0.25, entryAfterSec: 120, exitBeforeSec: 60, maxPrice: 0.9, minPrice: 0.1 }),
  })
  .strict()
  .superRefine(ordered(["minPrice", "maxPrice"]));
export type MomentumParams = z.infer<typeof MomentumParams>;

/**
 * Momentum: expects the recent drift of spot to carry on to the window's close. Its belief is
 * the log-normal chance of finishing at or above the strike with that drift and the realised
 * volatility; it buys whichever side is cheaper than that belief by at least `minEdge` after
 * the taker fee, sized by fractional Kelly. One entry per market window.
 */
export const momentum = defineStrategy({ name: "momentum", params: MomentumParams, create: momentumStrategy });

function momentumStrategy(p: MomentumParams): Strategy {
  const s = marketState(p.lookbackSec);

  function estimate(): { spot: number; drift: number; sigma: number } | undefined {
    const prices = s.prices;
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

  /** The log-normal chance of Up with the recent drift carried on to the close. */
  function pUp(m: MarketView, now: number): number | undefined {
    const e = estimate();
    return e && e.sigma > 0 && now < m.endTs ? upProbability(e.spot, m.strike, e.sigma, (m.endTs - now) / 1000, e.drift) : undefined;
  }

  return {
    ...s.feed,
    decide(now, cash) {
      const m = s.market;
      if (!m || s.entered === m.marketId || s.bid === undefined || s.ask === undefined) return undefined;
      if (now - m.startTs < p.entryAfterSec * 1000 || m.endTs - now < p.exitBeforeSec * 1000) return undefined;
      const belief = pUp(m, now);
      if (belief === undefined) return undefined;
      const signal = pickEntry(m, belief, s.bid, s.ask, p, cash);
      if (signal) s.entered = m.marketId;
      return signal;
    },
    belief(now) {
      const m = s.market;
      const q = m ? pUp(m, now) : undefined;
      return m && q !== undefined ? { marketId: m.marketId, startTs: m.startTs, pUp: q } : undefined;
    },
    describe: () => ({ strategy: "momentum", window: s.prices.length, market: s.market?.marketId ?? null, entered: s.entered ?? null }),
  };
}

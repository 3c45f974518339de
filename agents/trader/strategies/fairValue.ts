import { z } from "zod";
import { ordered } from "../../../protocols/index.ts";
import { upProbability } from "../../../floor/pricing/index.ts";
import { defineStrategy } from "./defineStrategy.ts";
import { marketState, MIN_POINTS } from "./marketState.ts";
import { pickEntry } from "./pickEntry.ts";
import type { MarketView, Strategy } from "./Strategy.ts";
import { entryParams } from "./entryParams.ts";

/** Its parameters; `updatable` ones apply to a running trader, the others restart it. */
export const FairValueParams = z
  .object({
    /** Seconds of spot history used to estimate realised volatility (sizes its history: a restart). */
    lookbackSec: z.number().int().min(10).max(3600).default(300),
    ...entryParams({ minEdge: 0.1, kellyFraction: 0.25, entryAfterSec: 0, exitBeforeSec: 5, maxPrice: 0.95, minPrice: 0.05 }),
  })
  .strict()
  .superRefine(ordered(["minPrice", "maxPrice"]));
export type FairValueParams = z.infer<typeof FairValueParams>;

/**
 * Fair value: the informed taker. Its belief is the driftless log-normal chance that spot ends
 * at or above the strike, from the current spot and the realised volatility of the last
 * `lookbackSec`; makers who quote around a stale or noisy value leave quotes it can take. It
 * buys whichever side is cheaper than that belief by at least `minEdge` after the taker fee,
 * sized by fractional Kelly. One entry per market window.
 */
export const fairValue = defineStrategy({ name: "fairValue", params: FairValueParams, create: fairValueStrategy });

function fairValueStrategy(p: FairValueParams): Strategy {
  const s = marketState(p.lookbackSec);

  /** Realised volatility per second: the mean of squared returns over their time. */
  function sigma(): number | undefined {
    if (s.prices.length < MIN_POINTS) return undefined;
    let ss = 0;
    for (let i = 1; i < s.prices.length; i++) ss += (s.prices[i]!.logPrice - s.prices[i - 1]!.logPrice) ** 2;
    const span = (s.prices[s.prices.length - 1]!.ts - s.prices[0]!.ts) / 1000;
    return span > 0 ? Math.sqrt(ss / span) : undefined;
  }

  /** N(d2) from the current spot, the realised volatility and the time left. */
  function pUp(m: MarketView, now: number): number | undefined {
    const vol = sigma();
    return vol && vol > 0 && now < m.endTs ? upProbability(s.lastSpot(), m.strike, vol, (m.endTs - now) / 1000) : undefined;
  }

  return {
    ...s.feed,
    decide(now, cash) {
      const m = s.market;
      if (!m || s.entered === m.marketId) return undefined;
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
    describe: () => ({ strategy: "fairValue", window: s.prices.length, market: s.market?.marketId ?? null, entered: s.entered ?? null }),
  };
}

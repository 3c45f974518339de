import { z } from "zod";
import { ordered } from "../../../../protocols/index.ts";
import { defineStrategy, entryParams, updatable, type MarketData, type View } from "../../core/index.ts";
import { revertedUpProbability, stretchZ } from "./stretch.ts";

/** Its parameters; `updatable` ones apply to a running trader, the others restart it. */
export const MeanReversionParams = z
  .object({
    /** Seconds of spot history for the moving average and the realised volatility (sizes its history: a restart). */
    lookbackSec: z.number().int().min(30).max(3600).default(300),
    /** The stretch that triggers it: |z| of spot against its moving average, in standard deviations. */
    minZ: updatable(z.number().min(0.5).max(6).default(2)),
    /** The share of the deviation it expects spot to give back by the close (0 = none, 1 = all). */
    reversion: updatable(z.number().min(0).max(1).default(0.3)),
    ...entryParams({ minEdge: 0.04, kellyFraction: 0.25, entryAfterSec: 60, exitBeforeSec: 60, maxPrice: 0.9, minPrice: 0.1 }),
  })
  .strict()
  .superRefine(ordered(["minPrice", "maxPrice"]));
export type MeanReversionParams = z.infer<typeof MeanReversionParams>;

/**
 * Mean reversion: expects a recent stretch of spot away from its moving average to partly
 * revert before the window closes. The stretch is z, spot's log deviation from the mean of the
 * last `lookbackSec` in the standard deviations a random walk would give it (stretch.ts). Its
 * belief is the log-normal chance of finishing at or above the strike with spot expected to give
 * back `reversion` of that deviation, at the realised volatility; it fires only when |z| ≥ `minZ`,
 * and then buys whichever side is cheaper than that belief by `minEdge` after the taker fee
 * (after a rise, Down; after a fall, Up), sized by fractional Kelly. One entry per window.
 * Every statistic is a running sum of SpotSeries: O(1) a tick.
 */
export const meanReversion = defineStrategy({ name: "meanReversion", params: MeanReversionParams, create: meanReversionStrategy });

function meanReversionStrategy(p: MeanReversionParams): View {
  /** Spot's log deviation from its moving average, its z, and the volatility per second. */
  function stretch(d: MarketData): { deviation: number; z: number; sigma: number } | undefined {
    const variance = d.spot.variancePerSec();
    const mean = d.spot.meanLogPrice();
    const last = d.spot.lastPoint();
    if (!variance || mean === undefined || !last) return undefined;
    const sigma = Math.sqrt(variance);
    const deviation = last.logPrice - mean;
    const z = stretchZ(deviation, d.spot.length, d.spot.spanSec(), sigma);
    return z === undefined ? undefined : { deviation, z, sigma };
  }

  return {
    horizonSec: p.lookbackSec,
    fires(d) {
      const s = stretch(d);
      return s !== undefined && Math.abs(s.z) >= p.minZ;
    },
    /** N(d2) from spot moved back by `reversion` of its deviation from the moving average. */
    pUp(d, now) {
      const m = d.market;
      const s = stretch(d);
      if (!m || !s || now >= m.endTs) return undefined;
      return revertedUpProbability(d.spot.last(), m.strike, s.sigma, (m.endTs - now) / 1000, s.deviation, p.reversion);
    },
  };
}

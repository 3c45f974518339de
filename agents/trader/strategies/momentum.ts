import { z } from "zod";
import { ordered } from "../../../protocols/index.ts";
import { upProbability } from "../../../floor/pricing/index.ts";
import { defineStrategy, entryParams, updatable, type View } from "../core/index.ts";

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

function momentumStrategy(p: MomentumParams): View {
  return {
    horizonSec: p.lookbackSec,
    /** The log-normal chance of Up with the recent drift carried on to the close. */
    pUp(d, now) {
      const m = d.market;
      const variance = d.spot.meanSquaredRatePerSec();
      const drift = d.spot.driftPerSec();
      if (!m || !variance || drift === undefined || now >= m.endTs) return undefined;
      return upProbability(d.spot.last(), m.strike, Math.sqrt(variance), (m.endTs - now) / 1000, drift * p.driftWeight);
    },
  };
}

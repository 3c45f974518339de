import { z } from "zod";
import { ordered } from "../../../protocols/index.ts";
import { upProbability } from "../../../floor/pricing/index.ts";
import { defineStrategy, entryParams, updatable, type View } from "../core/index.ts";

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

function fairValueStrategy(p: FairValueParams): View {
  return {
    horizonSec: p.lookbackSec,
    /** N(d2) from the current spot, the realised volatility and the time left. */
    pUp(d, now) {
      const m = d.market;
      const variance = d.spot.variancePerSec();
      if (!m || !variance || now >= m.endTs) return undefined;
      return upProbability(d.spot.last(), m.strike, Math.sqrt(variance), (m.endTs - now) / 1000);
    },
  };
}

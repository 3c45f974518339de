import { z } from "zod";
import { MICRO, ordered } from "../../../../protocols/index.ts";
import { defineStrategy, entryParams, updatable, type MarketData, type View } from "../../core/index.ts";
import { Burst, type BurstState } from "./Burst.ts";
import { tiltedUpProbability } from "./tiltedUpProbability.ts";

/** Its parameters; `updatable` ones apply to a running trader, the others restart it. */
export const VolumeSpikeParams = z
  .object({
    /** Seconds of baseline activity, and of spot history for the realised volatility (sizes its history: a restart). */
    lookbackSec: z.number().int().min(120).max(3600).default(900),
    /** The spike's window, seconds (a restart). With 1-minute candles, at least 60. */
    spikeSec: z.number().int().min(5).max(600).default(60),
    /** A spike: volume per second over `spikeSec` at least this many times its rate over `lookbackSec`. */
    spikeRatio: updatable(z.number().min(1.5).max(50).default(4)),
    /** Shares printed in the spike window for a burst of prints to count (a lone small print in a quiet market is no burst). */
    minSpikeShares: updatable(z.number().min(0).max(1_000_000).default(500)),
    /** How one-sided the burst must be: |Up bought − Up sold| over all printed, or spot's move in the spike in standard deviations (0 … 1). */
    minFlow: updatable(z.number().min(0).max(1).default(0.5)),
    /** How far a fully one-sided burst shifts its belief: the expected close moves this many standard deviations of the remaining move. */
    tilt: updatable(z.number().min(0).max(2).default(0.3)),
    ...entryParams({ minEdge: 0.04, kellyFraction: 0.25, entryAfterSec: 60, exitBeforeSec: 60, maxPrice: 0.9, minPrice: 0.1 }),
  })
  .strict()
  .superRefine(ordered(["minPrice", "maxPrice"]))
  .superRefine((v, ctx) => {
    if (v.spikeSec * 2 > v.lookbackSec) ctx.addIssue({ code: "custom", path: ["spikeSec"], message: `spikeSec ${v.spikeSec} is more than half of lookbackSec ${v.lookbackSec}` });
    // The spike's rate over a baseline that contains it is at most lookbackSec / spikeSec.
    else if (v.spikeRatio > v.lookbackSec / v.spikeSec) ctx.addIssue({ code: "custom", path: ["spikeRatio"], message: `spikeRatio ${v.spikeRatio} can never be reached with spikeSec ${v.spikeSec} in lookbackSec ${v.lookbackSec} (at most ${v.lookbackSec / v.spikeSec})` });
  });
export type VolumeSpikeParams = z.infer<typeof VolumeSpikeParams>;

interface VolumeSpikeState {
  prints: BurstState;
  candles: BurstState;
}

/**
 * Volume spike: trades in the direction of a burst of activity. Activity is the market's public
 * prints (shares, signed in Up terms: a taker buying Up or selling Down counts +) and, where the
 * feed records it, spot volume (recorded candles). A spike is volume over the last `spikeSec` at
 * least `spikeRatio` times its rate over `lookbackSec`. Its direction is the prints' net flow as a
 * share of all printed in the spike (a burst of prints, which must lie inside the window it
 * trades), else spot's move over the spike in standard deviations (a burst of spot volume), both
 * capped at ±1; it fires only on a spike at least `minFlow` one-sided. Its belief is the
 * log-normal chance of Up at the realised volatility with the expected close moved
 * `tilt` × direction standard deviations that way (no spike: no tilt); the core buys the side
 * cheaper than that belief by `minEdge` after fees. One entry per window. O(1) a tick.
 */
export const volumeSpike = defineStrategy({ name: "volumeSpike", params: VolumeSpikeParams, create: volumeSpikeStrategy });

function volumeSpikeStrategy(p: VolumeSpikeParams): View {
  const prints = new Burst(p.spikeSec, p.lookbackSec);
  const candles = new Burst(p.spikeSec, p.lookbackSec);
  const clamp = (x: number) => Math.max(-1, Math.min(1, x));

  /** The direction of a burst now (−1 … 1, + towards Up), or undefined when there is none. */
  function burst(d: MarketData, now: number): number | undefined {
    const m = d.market;
    const spike = prints.spike(now);
    const printRatio = prints.ratio(now);
    if (m && now - p.spikeSec * 1000 >= m.startTs && printRatio !== undefined && printRatio >= p.spikeRatio && spike.size >= p.minSpikeShares * MICRO) return spike.flow;
    const candleRatio = candles.ratio(now);
    if (candleRatio === undefined || candleRatio < p.spikeRatio) return undefined;
    const move = d.spot.returnOver(p.spikeSec);
    const variance = d.spot.variancePerSec();
    return move !== undefined && variance ? clamp(move / Math.sqrt(variance * p.spikeSec)) : undefined;
  }

  /** The burst's direction when it is one-sided enough to act on, else 0. */
  function direction(d: MarketData, now: number): number {
    const dir = burst(d, now);
    return dir !== undefined && Math.abs(dir) >= p.minFlow && dir !== 0 ? dir : 0;
  }

  return {
    horizonSec: p.lookbackSec,
    onSpot(_d, pt) {
      if (pt.volume > 0) candles.add(pt.ts, pt.volume, 0);
      else candles.watch(pt.ts);
      prints.watch(pt.ts);
    },
    onTrade(_d, pr) {
      prints.add(pr.ts, pr.size, pr.up ? pr.size : -pr.size);
    },
    fires: (d, now) => direction(d, now) !== 0,
    /** N(d2) at the realised volatility, tilted towards the burst's side. */
    pUp(d, now) {
      const m = d.market;
      const variance = d.spot.variancePerSec();
      if (!m || !variance || now >= m.endTs) return undefined;
      return tiltedUpProbability(d.spot.last(), m.strike, Math.sqrt(variance), (m.endTs - now) / 1000, p.tilt * direction(d, now));
    },
    save: (): VolumeSpikeState => ({ prints: prints.save(), candles: candles.save() }),
    restore(state) {
      const st = state as VolumeSpikeState | undefined;
      if (!st) return;
      prints.restore(st.prints);
      candles.restore(st.candles);
    },
  };
}

import type { SelectionConfig } from "../../../protocols/index.ts";
import { batchMeans, cusum, sharpeMoments } from "../../../floor/stats/index.ts";

export type DecaySettings = Pick<SelectionConfig, "decayBatch" | "decayBaselineTrades" | "decayK" | "decayH">;

/** The edge-decay test's outcome: the CUSUM's sum (in sd of a batch mean), batches read, alarm, and the baseline. */
export interface EdgeDecay {
  statistic: number;
  batches: number;
  alarm: boolean;
  baselineMean: number;
  baselineSd: number;
}

/**
 * Has the per-trade edge fallen since the record's start? A one-sided CUSUM (Page 1954) on the
 * means of batches of `decayBatch` trades after the first `decayBaselineTrades`, each standardised
 * against that baseline: z = (baseline mean − batch mean)/(baseline sd/√batch), so z > 0 is a
 * fall. Why these choices:
 * - the reference is the agent's own early edge (phase I / phase II in process control), not 0:
 *   whether the edge is above 0 is PSR's question; this one asks whether the edge that earned the
 *   agent its place is still there;
 * - a fixed baseline rather than a moving one, which would follow the decay down and miss it;
 * - batch means, because one trade's edge is a few hundredths of its sd and a shift that small
 *   takes a CUSUM thousands of trades to see; a batch of b raises it √b-fold (research-2026-12 §2).
 * The baseline is itself an estimate: with 200 trades and batches of 25 its mean is off by about
 * a third of a batch sd, which shortens the in-control run length below the table's. Too short a
 * record (under baseline + one batch) or a baseline without spread is not tested: statistic 0.
 */
export function edgeDecay(returns: readonly number[], cfg: DecaySettings): EdgeDecay {
  const base = sharpeMoments(returns.slice(0, cfg.decayBaselineTrades));
  const untested = { statistic: 0, batches: 0, alarm: false, baselineMean: base.mean, baselineSd: base.sd };
  if (returns.length < cfg.decayBaselineTrades + cfg.decayBatch || base.sd === 0) return untested;
  const batchSd = base.sd / Math.sqrt(cfg.decayBatch);
  const falls = batchMeans(returns.slice(cfg.decayBaselineTrades), cfg.decayBatch).map((m) => (base.mean - m) / batchSd);
  const state = cusum(falls, { k: cfg.decayK, h: cfg.decayH });
  return { ...untested, statistic: state.s, batches: state.runLength, alarm: state.alarm };
}

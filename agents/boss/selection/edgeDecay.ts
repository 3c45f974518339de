import type { SelectionConfig } from "../../../protocols/index.ts";
import { batchMeans, cusum, sharpeMoments } from "../../../floor/stats/index.ts";

export type DecaySettings = Pick<SelectionConfig, "decayBatch" | "decayBaselineTrades" | "decayK" | "decayH">;

/** The edge-decay test's outcome: the CUSUM's sum (in sd of a batch's difference from the baseline), batches read, alarm, and the baseline. */
export interface EdgeDecay {
  statistic: number;
  batches: number;
  alarm: boolean;
  baselineMean: number;
  baselineSd: number;
}

/**
 * Has the per-trade edge fallen since the record's start? A one-sided CUSUM (Page 1954) on the
 * means of batches of `decayBatch` (b) trades after the first `decayBaselineTrades` (B), each
 * standardised against that baseline: z = (baseline mean − batch mean)/(sd·√(1/b + 1/B)), so z > 0
 * is a fall. Why these choices:
 * - the reference is the agent's own early edge (phase I / phase II in process control), not 0:
 *   whether the edge is above 0 is PSR's question; this one asks whether the edge that earned the
 *   agent its place is still there;
 * - a fixed baseline rather than a moving one, which would follow the decay down and miss it;
 * - batch means, because one trade's edge is a few hundredths of its sd and a shift that small
 *   takes a CUSUM thousands of trades to see; a batch of b raises it √b-fold (research-2026-12 §2);
 * - the baseline is itself an estimate: its mean's error (sd/√B) is in every batch's difference,
 *   hence √(1/b + 1/B). That error is shared by all batches, so the CUSUM's tables (which assume a
 *   known mean) still overstate its run length; the defaults are set by simulating whole weeks with
 *   the baseline's mean and sd estimated as here (tests/boss/edgeDecayCalibration.test.ts,
 *   docs/BOSS.md). The sd is the baseline trades' (B − 1 degrees of freedom), not its few batches'.
 * Too short a record (under baseline + one batch) or a baseline without spread is not tested: statistic 0.
 */
export function edgeDecay(returns: readonly number[], cfg: DecaySettings): EdgeDecay {
  const base = sharpeMoments(returns.slice(0, cfg.decayBaselineTrades));
  const untested = { statistic: 0, batches: 0, alarm: false, baselineMean: base.mean, baselineSd: base.sd };
  if (returns.length < cfg.decayBaselineTrades + cfg.decayBatch || base.sd === 0) return untested;
  const diffSd = base.sd * Math.sqrt(1 / cfg.decayBatch + 1 / cfg.decayBaselineTrades);
  const falls = batchMeans(returns.slice(cfg.decayBaselineTrades), cfg.decayBatch).map((m) => (base.mean - m) / diffSd);
  const state = cusum(falls, { k: cfg.decayK, h: cfg.decayH });
  return { ...untested, statistic: state.s, batches: state.runLength, alarm: state.alarm };
}

import type { SelectionConfig } from "../../../protocols/index.ts";
import { minTrl, nullMaxSharpe, psr, sharpeMoments } from "../../../floor/stats/index.ts";
import { edgeDecay, type EdgeDecay } from "./edgeDecay.ts";

/** One agent's record as the boss judges it. */
export interface TrackRecord {
  /** Per-trade returns, oldest first: each trade's P&L over the cost it put at risk (−1 lost it all). */
  returns: readonly number[];
  /** Worst fall of the agent's equity from its own peak, as a fraction (`maxDrawdown` of its equity curve). */
  drawdown: number;
}

/** Everything a decision rests on, per trade; recorded with every birth and death. */
export interface JudgeNumbers {
  /** Trades in the record. */
  n: number;
  sr: number;
  skew: number;
  /** Raw kurtosis (a normal's is 3). */
  kurt: number;
  /** Probability that the true SR is above 0. */
  psr: number;
  /** PSR against sr0: deflated for every variant tried. */
  dsr: number;
  /** Expected best SR of `trials` zero-skill variants over this record's n trades (0 below two trades). */
  sr0: number;
  /** Trades needed before an SR this far from 0 is significant at cfg.alpha (Infinity at SR 0). */
  minTrl: number;
  /** Trades needed before any kill or clone: max(cfg.minTrades, ⌈minTrl⌉). */
  needed: number;
  /** Variants ever tried on the floor, this one included. */
  trials: number;
  drawdown: number;
  /** Edge-decay CUSUM sum, in sd of a batch mean's difference from the baseline's (alarm above cfg.decayH); 0 when not yet tested. */
  decay: number;
  /** Batches the decay test has read (up to its alarm). */
  decayBatches: number;
}

/**
 * The numbers of one record among `trials` variants ever tried, with the decay test's detail. The
 * DSR's SR0 is the null's (nullMaxSharpe): what the best of that many variants of no skill would
 * show over this record's length, not the spread of the variants' own ratios (docs/BOSS.md, "The trials").
 */
export function judgeNumbers(record: TrackRecord, trials: number, cfg: SelectionConfig): { numbers: JudgeNumbers; decay: EdgeDecay } {
  if (!(record.drawdown >= 0 && record.drawdown <= 1)) throw new RangeError(`drawdown must be a fraction in [0, 1]: ${record.drawdown}`);
  if (!(Number.isInteger(trials) && trials >= 1)) throw new RangeError(`trials must count at least this variant: ${trials}`);
  const m = sharpeMoments(record.returns);
  const sr0 = m.n >= 2 ? nullMaxSharpe(m.n, trials) : 0; // below two trades PSR is 0.5 against any benchmark
  const trl = minTrl(m.sr, 0, m.skew, m.kurt, cfg.alpha);
  const decay = edgeDecay(record.returns, cfg);
  const numbers: JudgeNumbers = {
    n: m.n,
    sr: m.sr,
    skew: m.skew,
    kurt: m.kurt,
    psr: psr(m.sr, 0, m.n, m.skew, m.kurt),
    dsr: psr(m.sr, sr0, m.n, m.skew, m.kurt),
    sr0,
    minTrl: trl,
    needed: Math.max(cfg.minTrades, Math.ceil(trl)),
    trials,
    drawdown: record.drawdown,
    decay: decay.statistic,
    decayBatches: decay.batches,
  };
  return { numbers, decay };
}

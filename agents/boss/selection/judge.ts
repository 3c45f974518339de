import type { SelectionConfig } from "../../../protocols/index.ts";
import type { EdgeDecay } from "./edgeDecay.ts";
import { judgeNumbers, type JudgeNumbers, type TrackRecord } from "./judgeNumbers.ts";

export type Verdict = "wait" | "keep" | "kill" | "clone";

/** What the boss does with an agent, why in words, and the numbers that decided it. */
export interface Judgement {
  action: Verdict;
  reason: string;
  numbers: JudgeNumbers;
}

interface Rule {
  action: "kill" | "clone";
  /** The reason when the rule fires, else null. */
  check(x: JudgeNumbers, d: EdgeDecay, c: SelectionConfig): string | null;
}

const f = (x: number, digits = 3): string => x.toFixed(digits);
const trialCount = (n: number): string => (n === 1 ? "one trial" : `${n} trials`);
const noSkill = (n: number): string => (n === 1 ? "one variant of no skill" : `${n} variants of no skill`);

/** Checked in order once the record is long enough; the first that fires decides. Kills come before clones. */
const RULES: readonly Rule[] = [
  {
    action: "kill",
    check: (x, _, c) => (x.psr < c.psrKill ? `PSR ${f(x.psr)} < ${c.psrKill}: SR ${f(x.sr, 4)} over ${x.n} trades (skew ${f(x.skew, 2)}, kurt ${f(x.kurt, 2)}) is below 0 at this confidence` : null),
  },
  {
    action: "kill",
    check: (x, _, c) => (x.drawdown > c.maxDrawdown ? `drawdown ${f(100 * x.drawdown, 1)}% > ${100 * c.maxDrawdown}% of its peak equity` : null),
  },
  {
    action: "kill",
    check: (x, d, c) =>
      d.alarm
        ? `edge decay: CUSUM ${f(x.decay, 2)} > ${c.decayH} after ${x.decayBatches} batches of ${c.decayBatch} trades, against the first ${c.decayBaselineTrades} trades' mean ${f(d.baselineMean, 4)} (sd ${f(d.baselineSd, 3)}); PSR ${f(x.psr)}`
        : null,
  },
  {
    action: "clone",
    check: (x, _, c) => (x.dsr >= c.dsrClone ? `DSR ${f(x.dsr)} ≥ ${c.dsrClone}: SR ${f(x.sr, 4)} over ${x.n} trades beats SR0 ${f(x.sr0, 4)}, the best that ${noSkill(x.trials)} would show over as many trades` : null),
  },
];

/**
 * The selection decision for one agent (issue 12, "Selection"). Nothing before the record is long
 * enough, `needed` = max(cfg.minTrades, MinTRL(SR vs 0 at cfg.alpha)) trades: "wait". Then a kill
 * on PSR below cfg.psrKill, a drawdown over cfg.maxDrawdown or an edge-decay alarm; else a clone
 * when DSR reaches cfg.dsrClone; else "keep". `trials` counts every variant ever tried on the
 * floor, this agent included: the DSR's SR0 is the best that many variants of no skill would show.
 */
export function judge(record: TrackRecord, trials: number, cfg: SelectionConfig): Judgement {
  const { numbers: x, decay } = judgeNumbers(record, trials, cfg);
  if (x.n < x.needed) return { action: "wait", reason: waitReason(x, cfg), numbers: x };
  for (const rule of RULES) {
    const why = rule.check(x, decay, cfg);
    if (why !== null) return { action: rule.action, reason: why, numbers: x };
  }
  return { action: "keep", reason: `PSR ${f(x.psr)} ≥ ${cfg.psrKill}, DSR ${f(x.dsr)} < ${cfg.dsrClone} (SR ${f(x.sr, 4)} vs SR0 ${f(x.sr0, 4)} of ${trialCount(x.trials)}), decay CUSUM ${f(x.decay, 2)} ≤ ${cfg.decayH}`, numbers: x };
}

function waitReason(x: JudgeNumbers, cfg: SelectionConfig): string {
  if (x.minTrl === Infinity) return `${x.n} trades with SR 0: no record length tells it from no edge`;
  const by = x.needed === cfg.minTrades ? `minTrades ${cfg.minTrades}` : `MinTRL ${f(x.minTrl, 1)} for SR ${f(x.sr, 4)} at α ${cfg.alpha}`;
  return `${x.n} of ${x.needed} trades (${by}): ${x.needed - x.n} more`;
}

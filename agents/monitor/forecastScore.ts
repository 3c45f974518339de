import { addBelief, CAL_BUCKETS, NO_BELIEFS, type BeliefSums } from "./beliefSums.ts";

/** One belief waiting for its window's result: the agent's probability of Up and the market's at that moment. */
export interface PendingBelief {
  agentId: string;
  pUp: number;
  marketP: number | null;
}

/**
 * An agent's running forecast score, in sums so that it folds one resolved window at a time and
 * stays a few numbers in a checkpoint. Skill = the market's Brier minus the agent's over the
 * beliefs that had a market price (positive: the agent knew more). Its standard error treats each
 * window as one cluster (beliefs within a window are correlated): D_m is the window's summed
 * difference, n_m its count, and var(skill) = M/(M−1) · Σ(D_m − skill·n_m)² / n².
 */
export interface ForecastScore {
  n: number;
  sqAgent: number;
  paired: number;
  sqAgentPaired: number;
  sqMarketPaired: number;
  markets: number;
  sumD2: number;
  sumDn: number;
  sumN2: number;
  /**
   * Σ −ln p of what happened, and per calibration bucket the count, Σ pUp and how many went Up, over
   * the beliefs folded since issue 13 (absent in an older checkpoint: its beliefs have no log loss).
   */
  sumLog?: number;
  calN?: number[];
  calP?: number[];
  calUp?: number[];
}

export const EMPTY_FORECAST_SCORE: ForecastScore = { n: 0, sqAgent: 0, paired: 0, sqAgentPaired: 0, sqMarketPaired: 0, markets: 0, sumD2: 0, sumDn: 0, sumN2: 0 };

/** Fold one agent's beliefs about one resolved window into its score. */
export function foldWindow(s: ForecastScore, beliefs: readonly PendingBelief[], up: boolean): ForecastScore {
  return foldSums(s, beliefs.reduce(addBelief, NO_BELIEFS), up);
}

/** Fold one agent's beliefs about one resolved window, summed as they came (BeliefSums), into its score. */
export function foldSums(s: ForecastScore, b: BeliefSums, up: boolean): ForecastScore {
  const o = up ? 1 : 0;
  const none = Array.from({ length: CAL_BUCKETS }, () => 0);
  const add = (x: readonly number[] | undefined, y: readonly number[] | undefined, times = 1) => (x ?? none).map((v, i) => v + times * (y?.[i] ?? 0));
  const r = { ...s, n: s.n + b.count, sqAgent: s.sqAgent + b.sqAgent[o], sumLog: (s.sumLog ?? 0) + (b.logLoss?.[o] ?? 0), calN: add(s.calN, b.calN), calP: add(s.calP, b.calP), calUp: add(s.calUp, b.calN, o) };
  const n = b.paired;
  if (n === 0) return r;
  const d = b.diff[o];
  return { ...r, paired: s.paired + n, sqAgentPaired: s.sqAgentPaired + b.sqAgentPaired[o], sqMarketPaired: s.sqMarketPaired + b.sqMarketPaired[o], markets: s.markets + 1, sumD2: s.sumD2 + d * d, sumDn: s.sumDn + d * n, sumN2: s.sumN2 + n * n };
}

export interface ForecastFigures {
  n: number;
  brier: number | null;
  paired: number;
  marketBrier: number | null;
  skill: number | null;
  skillLo: number | null;
  skillHi: number | null;
  markets: number;
  logLoss: number | null;
  calibration: Array<{ lo: number; hi: number; n: number; meanP: number | null; freqUp: number | null }>;
}

/** The reliability buckets of a score's sums (as floor/stats calibrationTable lays them out). */
function calibrationOf(s: ForecastScore): ForecastFigures["calibration"] {
  return Array.from({ length: CAL_BUCKETS }, (_, i) => {
    const n = s.calN?.[i] ?? 0;
    return { lo: i / CAL_BUCKETS, hi: (i + 1) / CAL_BUCKETS, n, meanP: n > 0 ? s.calP![i]! / n : null, freqUp: n > 0 ? s.calUp![i]! / n : null };
  });
}

/** What the monitor publishes: Brier scores, log loss, calibration, and skill against the market with a 95% interval (null until two windows). */
export function forecastFigures(s: ForecastScore): ForecastFigures {
  const brier = s.n > 0 ? s.sqAgent / s.n : null;
  const logN = (s.calN ?? []).reduce((a, b) => a + b, 0);
  // Only the buckets with a belief: most of a trader's beliefs fall in a few of them.
  const scored = { logLoss: logN > 0 ? (s.sumLog ?? 0) / logN : null, calibration: calibrationOf(s).filter((c) => c.n > 0) };
  if (s.paired === 0) return { n: s.n, brier, paired: 0, marketBrier: null, skill: null, skillLo: null, skillHi: null, markets: 0, ...scored };
  const skill = (s.sqMarketPaired - s.sqAgentPaired) / s.paired;
  const base = { n: s.n, brier, paired: s.paired, marketBrier: s.sqMarketPaired / s.paired, skill, markets: s.markets, ...scored };
  if (s.markets < 2) return { ...base, skillLo: null, skillHi: null };
  const v = Math.max(0, s.sumD2 - 2 * skill * s.sumDn + skill * skill * s.sumN2) * (s.markets / (s.markets - 1));
  const se = Math.sqrt(v) / s.paired;
  return { ...base, skillLo: skill - 1.96 * se, skillHi: skill + 1.96 * se };
}

import { minTrl, nullMaxSharpe, psr, sharpeMoments } from "../../floor/stats/index.ts";

/** One agent's record as selection would see it after `days` of floor time: per trade, never annualised. */
export interface EdgeFigures {
  agentId: string;
  trades: number;
  tradesPerDay: number;
  /** Mean return per trade (PnL over cost). */
  mean: number;
  sr: number;
  skew: number;
  /** Raw kurtosis (a normal's is 3). */
  kurt: number;
  /** Probability that the true SR is above 0. */
  psr: number;
  /** Trades before this SR is significant at `alpha` (either way), and the days that takes at this record's pace. */
  minTrl: number;
  minTrlDays: number;
  /** Luck's best SR among the trials (every agent) over this record's length, and the PSR against it. */
  sr0: number;
  dsr: number;
}

/**
 * The selection statistics of every agent's record (floor/stats: PSR, MinTRL and DSR of Bailey &
 * López de Prado, as the boss's judge computes them). The DSR's trials are every agent with a
 * record, and SR0 the null's at each record's own length (nullMaxSharpe), as the boss's. For
 * measuring ground truth and for the report; the boss's own judgement is agents/boss/selection.
 */
export function edgeFigures(returns: ReadonlyMap<string, readonly number[]>, days: number, alpha = 0.05): { trials: number; agents: EdgeFigures[] } {
  const moments = [...returns].map(([agentId, r]) => ({ agentId, m: sharpeMoments(r) }));
  const trials = Math.max(1, moments.length);
  const agents = moments.map(({ agentId, m }) => {
    const sr0 = m.n >= 2 ? nullMaxSharpe(m.n, trials) : 0;
    const trl = minTrl(m.sr, 0, m.skew, m.kurt, alpha);
    const perDay = m.n / days;
    return {
      agentId,
      trades: m.n,
      tradesPerDay: perDay,
      mean: m.mean,
      sr: m.sr,
      skew: m.skew,
      kurt: m.kurt,
      psr: psr(m.sr, 0, m.n, m.skew, m.kurt),
      minTrl: trl,
      minTrlDays: perDay > 0 ? trl / perDay : Infinity,
      sr0,
      dsr: psr(m.sr, sr0, m.n, m.skew, m.kurt),
    };
  });
  return { trials, agents };
}

import { SelectionConfig } from "../../protocols/index.ts";
import { dsr, expectedMaxSharpe, minTrl, psr, sharpeMoments } from "../../floor/stats/index.ts";

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
  /** PSR against SR0, the best SR luck gives the trials (the agents with a long enough record, ddof 0). */
  dsr: number;
}

/**
 * The selection statistics of every agent's record (floor/stats: PSR, MinTRL and DSR of Bailey &
 * López de Prado, as the boss's judge computes them). The DSR's trials are the agents with at
 * least `minTrades` trades (the selection config's default): the SR of a record a few dozen trades
 * long is mostly noise (its standard error is about 1/√n), and one such outlier (a market maker
 * ruined in 41 trades at SR −1.5) alone lifts SR0 past every real edge. For measuring ground truth
 * and for the report; the boss's own judgement is agents/boss/selection.
 */
export function edgeFigures(returns: ReadonlyMap<string, readonly number[]>, days: number, alpha = 0.05, minTrades = SelectionConfig.parse({}).minTrades): { sr0: number; trials: number; agents: EdgeFigures[] } {
  const moments = [...returns].map(([agentId, r]) => ({ agentId, m: sharpeMoments(r) }));
  const trials = moments.filter((x) => x.m.n >= Math.max(2, minTrades)).map((x) => x.m.sr);
  const sr0 = trials.length > 0 ? expectedMaxSharpe(trials) : 0;
  const agents = moments.map(({ agentId, m }) => {
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
      dsr: trials.length > 0 ? dsr(m.sr, trials, m.n, m.skew, m.kurt) : 0.5,
    };
  });
  return { sr0, trials: trials.length, agents };
}

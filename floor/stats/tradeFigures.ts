import { psr } from "./psr.ts";
import { sharpeMoments } from "./sharpeMoments.ts";

/**
 * One settled window of an agent: its P&L after fees and its net cost (micro-USD), at floor ms
 * `ts`. The net cost is below 0 for a window sold back for more than was paid (a market maker's).
 */
export interface ClosedTrade {
  ts: number;
  pnl: number;
  cost: number;
}

/** A record's trade figures; each is null where the record cannot say (no trade, no spread, no loss). */
export interface TradeFigures {
  trades: number;
  /** A win made money; a loss did not (a window that broke even counts as a loss, as the monitor's score does). */
  wins: number;
  losses: number;
  winRate: number | null;
  /** Mean P&L of the wins and of the losses, micro-USD (not rounded). */
  avgWin: number | null;
  avgLoss: number | null;
  /** Gross profit over the absolute gross loss; null when nothing was lost. */
  profitFactor: number | null;
  /** Micro-USD integers: the wins' P&L, the losses' (≤ 0), their sum, and the cost put at risk (windows of net cost ≤ 0 put none). */
  grossProfit: number;
  grossLoss: number;
  pnl: number;
  turnover: number;
  /** Per trade on returns r = pnl / cost (trades that cost something: a window that cost nothing has no return), never annualised. */
  sharpe: number | null;
  /** Mean r over the target-0 downside deviation √(Σ min(r, 0)² / n) (Sortino & Price 1994). */
  sortino: number | null;
  /** P(true per-trade Sharpe > 0), with the record's skew and kurtosis (Bailey & López de Prado 2012). */
  psr: number | null;
}

/**
 * The figures of a record of settled windows. Money sums stay integers of micro-USD; only the
 * ratios are floats. Sharpe, Sortino and PSR need two returns, and Sharpe and PSR some spread.
 */
export function tradeFigures(trades: readonly ClosedTrade[]): TradeFigures {
  let wins = 0;
  let grossProfit = 0;
  let grossLoss = 0;
  let turnover = 0;
  const returns: number[] = [];
  for (const t of trades) {
    if (!Number.isSafeInteger(t.pnl) || !Number.isSafeInteger(t.cost)) throw new RangeError(`a trade's pnl and cost are micro-USD integers: ${t.pnl}, ${t.cost}`);
    if (t.pnl > 0) {
      wins++;
      grossProfit += t.pnl;
    } else grossLoss += t.pnl;
    if (t.cost <= 0) continue;
    turnover += t.cost;
    returns.push(t.pnl / t.cost);
  }
  const n = trades.length;
  const losses = n - wins;
  const m = sharpeMoments(returns);
  const spread = m.n >= 2 && m.sd > 0;
  return {
    trades: n,
    wins,
    losses,
    winRate: n > 0 ? wins / n : null,
    avgWin: wins > 0 ? grossProfit / wins : null,
    avgLoss: losses > 0 ? grossLoss / losses : null,
    profitFactor: grossLoss < 0 ? grossProfit / -grossLoss : null,
    grossProfit,
    grossLoss,
    pnl: grossProfit + grossLoss,
    turnover,
    sharpe: spread ? m.sr : null,
    sortino: m.n >= 2 ? sortino(returns, m.mean) : null,
    psr: spread ? psr(m.sr, 0, m.n, m.skew, m.kurt) : null,
  };
}

function sortino(returns: readonly number[], mean: number): number | null {
  let down = 0;
  for (const r of returns) if (r < 0) down += r * r;
  return down > 0 ? mean / Math.sqrt(down / returns.length) : null;
}

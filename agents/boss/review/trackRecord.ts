import { maxDrawdown } from "../../../floor/stats/index.ts";
import type { TrackRecord } from "../selection/index.ts";

/** One settled window of an agent, from the ledger (micro-USD). */
export interface Settled {
  pnl: number;
  cost: number;
}

/**
 * An agent's record as the boss judges it: a trade is a settled window, its return the window's
 * P&L over the cost it put at risk (a window that cost nothing, a quote bought and sold back,
 * has no return to count); the drawdown is that of its equity, its capital plus the P&L to date,
 * from its own peak. Money stays integer until the one division per trade.
 */
export function trackRecord(settled: readonly Settled[], capital: number): TrackRecord {
  const returns: number[] = [];
  const equity: number[] = [Math.max(1, capital)];
  let pnl = 0;
  for (const s of settled) {
    if (s.cost > 0) returns.push(s.pnl / s.cost);
    pnl += s.pnl;
    equity.push(Math.max(0, equity[0]! + pnl));
  }
  return { returns, drawdown: Math.min(1, maxDrawdown(equity)) };
}

import { maxDrawdown } from "../../../floor/stats/index.ts";
import type { TrackRecord } from "../selection/index.ts";

/** One settled window of an agent, from the ledger (micro-USD, floor ms). */
export interface Settled {
  pnl: number;
  cost: number;
  ts: number;
}

/** Capital moved to the agent (negative: taken back), from the ledger's allocation transfers (micro-USD, floor ms). */
export interface Funding {
  amount: number;
  ts: number;
}

/**
 * An agent's record as the boss judges it: a trade is a settled window, its return the window's
 * P&L over the cost it put at risk (a window that cost nothing, a quote bought and sold back,
 * has no return to count). The drawdown is that of its equity per unit of capital, as a fund's NAV
 * (time-weighted): each settlement moves it by its P&L over the equity then (the capital funded so
 * far plus the P&L to date), and a transfer in or out does not move it. Measured in dollars from
 * today's allocation instead, an early loss reads deeper once the boss has moved capital out: in
 * the ten seeded weeks a 42% fall of the known edge read 50.3% and killed it (docs/BOSS.md).
 * A settlement with no equity behind it (before any funding, or after all was taken back) leaves
 * the NAV where it was. Both lists are oldest first.
 */
export function trackRecord(settled: readonly Settled[], funding: readonly Funding[]): TrackRecord {
  const returns: number[] = [];
  const nav: number[] = [1];
  let equity = 0;
  let level = 1;
  let f = 0;
  for (const s of settled) {
    while (f < funding.length && funding[f]!.ts <= s.ts) equity += funding[f++]!.amount;
    if (s.cost > 0) returns.push(s.pnl / s.cost);
    if (equity > 0) level = Math.max(0, level * (1 + s.pnl / equity));
    equity += s.pnl;
    nav.push(level);
  }
  return { returns, drawdown: Math.min(1, maxDrawdown(nav)) };
}

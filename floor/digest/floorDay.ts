import { drawdownOf, meanCi, type EquityPoint } from "../stats/index.ts";
import type { FloorDay, TradeRow } from "./DigestDay.ts";

export interface FloorDayInput {
  date: string;
  from: number;
  to: number;
  settlements: readonly TradeRow[];
  /** Money deposited into the floor during the day. */
  deposits: ReadonlyArray<{ ts: number; amount: number }>;
  /** Realised equity when the day began: deposits and realised PnL before `from`. */
  equityBefore: number;
  fills: number;
  fees: number;
  feeShares: number;
}

/** The seed of a day's bootstrap: the same day always gets the same interval, whoever computes it. */
export const pnlSeed = (date: string): string => `digest:${date}:pnl`;

/**
 * The floor's day: realised PnL with a bootstrap interval over whole market windows (a window's
 * settlements share its outcome, so they are resampled together), and the realised equity curve
 * with its drawdown from the day's running peak. Equity only moves at deposits and settlements.
 */
export function floorDay(i: FloorDayInput): { floor: FloorDay; equity: EquityPoint[]; drawdown: EquityPoint[] } {
  const byWindow = new Map<string, number>();
  let pnl = 0;
  for (const s of i.settlements) {
    pnl += s.pnl;
    byWindow.set(s.marketId, (byWindow.get(s.marketId) ?? 0) + s.pnl);
  }
  const ci = meanCi([...byWindow.values()], { seed: pnlSeed(i.date) });
  const moves = [...i.deposits.map((d) => ({ ts: d.ts, delta: d.amount })), ...i.settlements.map((s) => ({ ts: s.ts, delta: s.pnl }))].sort((a, b) => a.ts - b.ts);
  const points: EquityPoint[] = [{ ts: i.from, equity: i.equityBefore }];
  let equity = i.equityBefore;
  for (const m of moves) {
    equity += m.delta;
    const last = points[points.length - 1]!;
    if (last.ts === m.ts && points.length > 1) last.equity = equity;
    else points.push({ ts: m.ts, equity });
  }
  points.push({ ts: i.to, equity });
  // Before the first deposit the floor has no equity to fall from: its curve starts there.
  const held = points.slice(Math.max(0, points.findIndex((p) => p.equity > 0)));
  const dd = held.length && held[0]!.equity > 0 ? drawdownOf(held) : null;
  return {
    floor: {
      pnl,
      settlements: i.settlements.length,
      windows: byWindow.size,
      ci: ci && { lo: ci.sum.lo, hi: ci.sum.hi, level: 0.95, resamples: ci.sum.resamples },
      equityStart: i.equityBefore,
      equityEnd: equity,
      fills: i.fills,
      fees: i.fees,
      feeShares: i.feeShares,
      drawdown: dd && { max: dd.max, maxAt: dd.maxAt, longestMs: dd.longestMs },
    },
    equity: dd ? held : [],
    drawdown: dd?.curve ?? [],
  };
}

import { LATENCY_LEGS, type LatencyLeg } from "../../../protocols/index.ts";
import { currentDrawdown, type AgentBoard } from "./AgentBoard.ts";
import { latencyQuantiles } from "./latencyWindow.ts";
import { uptimeOf } from "./lifeTime.ts";
import type { Score } from "../score.ts";

/** What the board adds to the score (docs/METRICS.md): the body of `metrics.<agentId>` but the score's fields and the forecast. */
export interface BoardFigures {
  unrealizedPnl: number;
  pnl: number;
  equity: number | null;
  openPositions: number;
  turnover: number;
  record: { trades: number; winRate: number | null; avgWin: number | null; avgLoss: number | null; profitFactor: number | null; sharpe: number | null; sortino: number | null; psr: number | null };
  drawdown: { max: number; maxAt: number | null; current: number; longestMs: number };
  latency: Partial<Record<LatencyLeg, { n: number; p50: number | null; p99: number | null }>>;
  uptimeMs: number;
  restarts: number;
}

/** Equity: the basis plus realized and unrealized PnL; null without a basis. */
export const equityOf = (b: AgentBoard, realizedPnl: number, unrealized: number): number | null => (b.basis === null ? null : b.basis + realizedPnl + unrealized);

/**
 * A board's figures at floor ms `now`, given its realized PnL (the score's), its unrealized PnL and
 * open positions (the caller marks them: one agent's holdings, or every agent's for the floor).
 */
export function boardFigures(b: AgentBoard, score: Pick<Score, "realizedPnl">, unrealized: number, openPositions: number, now: number): BoardFigures {
  const equity = equityOf(b, score.realizedPnl, unrealized);
  const current = currentDrawdown(b, equity);
  // The curve's points are a minute apart: a fall deeper than any of them is the one now.
  const worst = current > b.drawdown.max ? { max: current, maxAt: now } : { max: b.drawdown.max, maxAt: b.drawdown.maxAt };
  const { trades, winRate, avgWin, avgLoss, profitFactor, sharpe, sortino, psr } = b.record;
  const latency: BoardFigures["latency"] = {};
  for (const leg of LATENCY_LEGS) {
    const w = b.latency[leg];
    if (w) latency[leg] = latencyQuantiles(w);
  }
  return {
    unrealizedPnl: unrealized,
    pnl: score.realizedPnl + unrealized,
    equity,
    openPositions,
    turnover: b.turnover,
    record: { trades, winRate, avgWin, avgLoss, profitFactor, sharpe, sortino, psr },
    drawdown: { ...worst, current, longestMs: b.drawdown.longestMs },
    latency,
    uptimeMs: uptimeOf(b.life, now),
    restarts: b.life.restarts,
  };
}

import { brier, drawdownOf, skillVsMarket, tradeFigures, type PairedForecast } from "../stats/index.ts";
import type { AgentDay, ForecastDay, TradeRow } from "./DigestDay.ts";

export interface AgentDayInput {
  date: string;
  from: number;
  agent: { agentId: string; strategy: string | null; parentId: string | null; bornTs: number; diedTs: number | null };
  /** Its settled windows of the day, oldest first. */
  settlements: readonly TradeRow[];
  fills: { count: number; fees: number; feeShares: number };
  /** Its realised equity (allocations + realised PnL) just before its first settlement of the day. */
  equityBase: number;
  /** Its beliefs about the windows resolved this day. */
  forecasts: readonly PairedForecast[];
}

/** The seed of an agent's skill bootstrap for a day. */
export const skillSeed = (date: string, agentId: string): string => `digest:${date}:skill:${agentId}`;

/**
 * An agent's day: its trade figures over the windows it settled, its drawdown (its equity base plus
 * the day's cumulative PnL: capital moved in or out is not a trading result), and its forecasts'
 * Brier score beside the market's on the same windows.
 */
export function agentDay(i: AgentDayInput): AgentDay {
  // A window the agent took more cash out of than it put in (sold back above its buys) has no return (tradeFigures).
  const figures = tradeFigures(i.settlements.map((s) => ({ ts: s.ts, pnl: s.pnl, cost: s.cost })));
  let equity = i.equityBase;
  const curve = [{ ts: i.from, equity }, ...i.settlements.map((s) => ({ ts: s.ts, equity: (equity += s.pnl) }))];
  const maxDrawdown = i.settlements.length > 0 && i.equityBase > 0 ? drawdownOf(curve).max : null;
  return { ...i.agent, figures, fills: i.fills.count, fees: i.fills.fees, feeShares: i.fills.feeShares, maxDrawdown, forecasts: forecastDay(i.date, i.agent.agentId, i.forecasts) };
}

function forecastDay(date: string, agentId: string, rows: readonly PairedForecast[]): ForecastDay {
  const vs = skillVsMarket(rows, { seed: skillSeed(date, agentId) });
  return {
    n: rows.length,
    brier: brier(rows),
    paired: vs.n,
    brierMarket: vs.brierMarket,
    skill: vs.skill && { estimate: vs.skill.estimate, lo: vs.skill.lo, hi: vs.skill.hi },
  };
}

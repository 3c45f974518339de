import { tableOr, type Block } from "./Block.ts";
import type { AgentDay } from "./DigestDay.ts";
import { pct, ratio, usd, usdOf } from "./formatFigures.ts";

const NA = "n/a";
const or = <T>(x: T | null, f: (x: T) => string): string => (x === null ? NA : f(x));
const money = (x: number): string => usdOf(x);

/** The agents' tables: trading figures, then risk-adjusted figures and forecasts. "n/a" is explained under them. */
export function agentBlocks(agents: readonly AgentDay[]): Block[] {
  const trading = agents.map((a) => {
    const f = a.figures;
    return [a.agentId, a.strategy ?? "", f.trades ? usd(f.pnl) : NA, String(f.trades), or(f.winRate, (x) => pct(x, 1)), or(f.avgWin, money), or(f.avgLoss, money), or(f.profitFactor, (x) => ratio(x, 2)), usd(a.fees), usd(f.turnover), String(a.fills)];
  });
  const risk = agents.map((a) => {
    const f = a.figures;
    const fc = a.forecasts;
    return [a.agentId, or(f.sharpe, (x) => ratio(x)), or(f.sortino, (x) => ratio(x)), or(f.psr, (x) => ratio(x)), or(a.maxDrawdown, (x) => pct(x)), String(fc.n), or(fc.brier, (x) => ratio(x)), or(fc.brierMarket, (x) => ratio(x)), or(fc.skill, (s) => `${ratio(s.estimate)} [${ratio(s.lo)}, ${ratio(s.hi)}]`)];
  });
  return [
    { type: "heading", level: 2, text: "Agents" },
    tableOr(["Agent", "Strategy", "PnL", "Trades", "Win rate", "Avg win", "Avg loss", "Profit factor", "Fees", "Turnover", "Fills"], trading, "No trader was alive this day.", [false, false, ...Array(9).fill(true)]),
    tableOr(["Agent", "Sharpe", "Sortino", "PSR", "Max DD", "Beliefs", "Brier", "Brier (market)", "Skill [95%]"], risk, "", [false, ...Array(8).fill(true)]),
    {
      type: "para",
      text:
        "A trade is a settled market window; PnL is after fees. Sharpe, Sortino and PSR are per trade on returns PnL / cost, not annualised. " +
        "Brier scores beliefs about the windows resolved this day; skill = market Brier − agent Brier on the same beliefs (positive: better than the price). " +
        "n/a means the figure cannot be computed: no settled trade (PnL and every ratio), no win (avg win), no loss (avg loss, profit factor), " +
        "fewer than two trades with a cost or no spread (Sharpe, PSR), no losing trade (Sortino), no settlement or no capital (max DD), " +
        "no belief about a resolved window (Brier), no market price beside them (market Brier, skill).",
    },
  ];
}

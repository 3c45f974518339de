import { listForecasts, type Db } from "../../state/index.ts";
import { skillVsMarket, type PairedForecast, type SkillReport } from "../stats/index.ts";
import { toPaired } from "../backtest/index.ts";

/**
 * Each agent's resolved beliefs scored against the market's price at the same moments, for
 * `floor status`: whether an agent knows more than the market, at a glance. A database from before
 * the forecasts table (migration 6) has none.
 */
export function skillByAgent(db: Db): Map<string, SkillReport> {
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'forecasts'").get();
  if (!exists) return new Map();
  const byAgent = new Map<string, PairedForecast[]>();
  for (const f of listForecasts(db)) {
    if (f.winner === null) continue;
    const rows = byAgent.get(f.agentId);
    if (rows) rows.push(toPaired(f));
    else byAgent.set(f.agentId, [toPaired(f)]);
  }
  return new Map([...byAgent].map(([id, rows]) => [id, skillVsMarket(rows, { seed: id, resamples: 500 })]));
}

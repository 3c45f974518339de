import type { Db } from "../../state/index.ts";
import type { PairedForecast } from "../stats/index.ts";

/** Each agent's beliefs about the windows resolved this day, beside the market's price then. */
export function forecastsOfDay(db: Db, from: number, to: number): Map<string, PairedForecast[]> {
  const rows = db
    .prepare("SELECT f.agent_id, f.market_id, f.p_up, f.market_p, m.outcome FROM forecasts f JOIN markets m USING (market_id) WHERE m.outcome IS NOT NULL AND m.resolved_ts >= ? AND m.resolved_ts < ? ORDER BY f.seq")
    .all(from, to) as Array<{ agent_id: string; market_id: string; p_up: number; market_p: number | null; outcome: string }>;
  const out = new Map<string, PairedForecast[]>();
  for (const r of rows) {
    const list = out.get(r.agent_id) ?? [];
    list.push({ marketId: r.market_id, p: r.p_up, marketP: r.market_p, up: r.outcome === "Up" });
    out.set(r.agent_id, list);
  }
  return out;
}

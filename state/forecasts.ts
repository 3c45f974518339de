import type { Db } from "./openDb.ts";
import { stmt } from "./stmt.ts";

export interface Forecast {
  agentId: string;
  marketId: string;
  /** The agent's stated probability that `outcome` wins, from its intent. */
  belief: number;
  outcome: "Up" | "Down";
  /** The market's result, when resolved. */
  winner: "Up" | "Down" | null;
}

/** Every belief an agent acted on (its intents, as audited), with the market's result. */
export function listForecasts(db: Db): Forecast[] {
  const rows = stmt(
    db,
    `SELECT a.src AS agent_id, a.detail_json, m.outcome AS winner
       FROM audit_log a LEFT JOIN markets m ON m.market_id = json_extract(a.detail_json, '$.marketId')
      WHERE a.kind = 'intent' ORDER BY a.seq`,
  ).all() as Array<{ agent_id: string; detail_json: string; winner: "Up" | "Down" | null }>;
  return rows.map((r) => {
    const d = JSON.parse(r.detail_json) as { marketId: string; belief: number; outcome: "Up" | "Down" };
    return { agentId: r.agent_id, marketId: d.marketId, belief: d.belief, outcome: d.outcome, winner: r.winner };
  });
}

/** Wins, losses and realized PnL per agent from settlements (micro-USD). */
export function settlementRecord(db: Db): Map<string, { settled: number; wins: number; losses: number; pnl: number }> {
  const rows = stmt(
    db,
    "SELECT agent_id, COUNT(*) AS n, SUM(pnl_micro > 0) AS wins, SUM(pnl_micro <= 0) AS losses, SUM(pnl_micro) AS pnl FROM settlements GROUP BY agent_id",
  ).all() as Array<{ agent_id: string; n: number; wins: number; losses: number; pnl: number }>;
  return new Map(rows.map((r) => [r.agent_id, { settled: r.n, wins: r.wins, losses: r.losses, pnl: r.pnl }]));
}

/** How many audited facts of each kind (e.g. `feed_gap`, `rejected`) the log holds. */
export function auditCounts(db: Db): Record<string, number> {
  const rows = stmt(db, "SELECT kind, COUNT(*) AS n FROM audit_log GROUP BY kind").all() as Array<{ kind: string; n: number }>;
  return Object.fromEntries(rows.map((r) => [r.kind, r.n]));
}

/** The reasons the boss gave for rejected intents, as written. */
export function rejectionReasons(db: Db): string[] {
  return (stmt(db, "SELECT json_extract(detail_json, '$.reason') AS reason FROM audit_log WHERE kind = 'rejected' ORDER BY seq").all() as Array<{ reason: string | null }>).map((r) => r.reason ?? "");
}

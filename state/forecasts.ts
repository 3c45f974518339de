import type { Db } from "./openDb.ts";
import { stmt } from "./stmt.ts";

export interface Forecast {
  agentId: string;
  marketId: string;
  ts: number;
  /** The agent's probability that the window resolves Up. */
  pUp: number;
  /** The market's own probability of Up at that moment (the book's mid), when it had a two-sided book. */
  marketP: number | null;
  /** The window's result, once resolved. */
  winner: "Up" | "Down" | null;
}

/** One published belief, beside the market's price at the same moment (written by the monitor). */
export function recordForecast(db: Db, f: Omit<Forecast, "winner">): void {
  stmt(db, "INSERT INTO forecasts (agent_id, market_id, ts, p_up, market_p) VALUES (?, ?, ?, ?, ?)").run(f.agentId, f.marketId, f.ts, f.pUp, f.marketP);
}

/** Every belief agents published, in order, with the window's result where known. */
export function listForecasts(db: Db): Forecast[] {
  const rows = stmt(
    db,
    `SELECT f.agent_id, f.market_id, f.ts, f.p_up, f.market_p, m.outcome AS winner
       FROM forecasts f LEFT JOIN markets m ON m.market_id = f.market_id ORDER BY f.seq`,
  ).all() as Array<{ agent_id: string; market_id: string; ts: number; p_up: number; market_p: number | null; winner: "Up" | "Down" | null }>;
  return rows.map((r) => ({ agentId: r.agent_id, marketId: r.market_id, ts: r.ts, pUp: r.p_up, marketP: r.market_p, winner: r.winner }));
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

/** Each agent's result per settled window (micro-USD): what it paid in and what it made. */
/** Settlements after `afterSeq` (a reader that keeps what it has read asks only for what is new), in order, with their seq. */
export function settlementsSince(db: Db, afterSeq: number): Array<{ seq: number; agentId: string; cost: number; pnl: number; ts: number }> {
  const rows = stmt(db, "SELECT seq, agent_id, cost_micro, pnl_micro, ts FROM settlements WHERE seq > ? ORDER BY seq").raw().all(afterSeq) as Array<[number, string, number, number, number]>;
  return rows.map(([seq, agentId, cost, pnl, ts]) => ({ seq, agentId, cost, pnl, ts }));
}

export function listSettlements(db: Db): Array<{ agentId: string; marketId: string; cost: number; pnl: number }> {
  const rows = stmt(db, "SELECT agent_id, market_id, cost_micro, pnl_micro FROM settlements ORDER BY seq").all() as Array<{ agent_id: string; market_id: string; cost_micro: number; pnl_micro: number }>;
  return rows.map((r) => ({ agentId: r.agent_id, marketId: r.market_id, cost: r.cost_micro, pnl: r.pnl_micro }));
}

import type { Db } from "./openDb.ts";
import { stmt } from "./stmt.ts";

/** The latest metrics the monitor published for an agent (agent id `floor`: the whole floor's), replacing the one before; `json`, when given, is JSON.stringify(metrics), already made. */
export function saveAgentMetrics(db: Db, agentId: string, ts: number, metrics: Record<string, unknown>, json = JSON.stringify(metrics)): void {
  stmt(db, "INSERT INTO agent_metrics (agent_id, ts, metrics_json) VALUES (?, ?, ?) ON CONFLICT(agent_id) DO UPDATE SET ts = excluded.ts, metrics_json = excluded.metrics_json").run(agentId, ts, json);
}

/** Every agent's latest metrics, by agent id. */
export function readAgentMetrics(db: Db): Map<string, { ts: number; metrics: Record<string, unknown> }> {
  const rows = stmt(db, "SELECT agent_id, ts, metrics_json FROM agent_metrics ORDER BY agent_id").raw().all() as Array<[string, number, string]>;
  return new Map(rows.map(([agentId, ts, json]) => [agentId, { ts, metrics: JSON.parse(json) as Record<string, unknown> }]));
}

/** One point of an agent's equity curve (micro-USD at floor ms `ts`). */
export function addEquityPoint(db: Db, agentId: string, ts: number, equity: number): void {
  stmt(db, "INSERT INTO equity_points (agent_id, ts, equity_micro) VALUES (?, ?, ?)").run(agentId, ts, equity);
}

/** An agent's equity curve, oldest first: its last `limit` points. */
export function readEquityCurve(db: Db, agentId: string, limit = Number.MAX_SAFE_INTEGER): Array<{ ts: number; equity: number }> {
  const rows = stmt(db, "SELECT ts, equity_micro FROM (SELECT seq, ts, equity_micro FROM equity_points WHERE agent_id = ? ORDER BY ts DESC, seq DESC LIMIT ?) ORDER BY ts, seq").raw().all(agentId, limit) as Array<[number, number]>;
  return rows.map(([ts, equity]) => ({ ts, equity }));
}

/** Every open position in the ledger (the monitor marks them after a restart without its checkpoint). */
export function listPositions(db: Db): Array<{ agentId: string; marketId: string; outcome: "Up" | "Down"; shares: number; cost: number }> {
  const rows = stmt(db, "SELECT agent_id, market_id, outcome, shares_micro, cost_micro FROM positions ORDER BY agent_id, market_id, outcome").raw().all() as Array<[string, string, "Up" | "Down", number, number]>;
  return rows.map(([agentId, marketId, outcome, shares, cost]) => ({ agentId, marketId, outcome, shares, cost }));
}

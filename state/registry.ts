import type { Db } from "./openDb.ts";
import { stmt } from "./stmt.ts";

export interface AgentRecord {
  agentId: string;
  kind: string;
  parentId: string | null;
  config: unknown;
  state: string;
  bornTs: number;
  diedTs: number | null;
  deathReason: string | null;
  /** `config` (a file in config/agents/ or the embedded defaults), `command` (spawned on the bus), `floor` (the floor's own agents). */
  origin: AgentOrigin;
}

export type AgentOrigin = "config" | "command" | "floor";

/** Register an agent at birth; an agent that already exists (a restart) keeps its record (its origin too). */
export function registerAgent(db: Db, a: { agentId: string; kind: string; parentId?: string; config: unknown; state: string; ts: number; origin?: AgentOrigin }): void {
  stmt(
    db,
    `INSERT INTO agents (agent_id, kind, parent_id, config_json, state, born_ts, origin) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(agent_id) DO UPDATE SET config_json = excluded.config_json`,
  ).run(a.agentId, a.kind, a.parentId ?? null, JSON.stringify(a.config), a.state, a.ts, a.origin ?? "floor");
}

/** A retired agent born again (same id, same ledger account): alive from `ts`, with where it came from this time. */
export function reviveAgent(db: Db, agentId: string, origin: AgentOrigin, ts: number): void {
  stmt(db, "UPDATE agents SET died_ts = NULL, death_reason = NULL, born_ts = ?, origin = ? WHERE agent_id = ?").run(ts, origin, agentId);
}

/** The agent's registry row, if it was ever born. */
export function agentRecord(db: Db, agentId: string): AgentRecord | undefined {
  const r = stmt(db, "SELECT * FROM agents WHERE agent_id = ?").get(agentId) as Record<string, unknown> | undefined;
  return r ? toRecord(r) : undefined;
}

export function setAgentState(db: Db, agentId: string, state: string): void {
  stmt(db, "UPDATE agents SET state = ? WHERE agent_id = ?").run(state, agentId);
}

export function recordDeath(db: Db, agentId: string, reason: string, ts: number): void {
  stmt(db, "UPDATE agents SET died_ts = ?, death_reason = ? WHERE agent_id = ? AND died_ts IS NULL").run(ts, reason, agentId);
}

export function listAgents(db: Db): AgentRecord[] {
  const rows = stmt(db, "SELECT * FROM agents ORDER BY born_ts, agent_id").all() as Array<Record<string, unknown>>;
  return rows.map(toRecord);
}

function toRecord(r: Record<string, unknown>): AgentRecord {
  return {
    agentId: String(r.agent_id),
    kind: String(r.kind),
    parentId: (r.parent_id as string | null) ?? null,
    config: JSON.parse(String(r.config_json)),
    state: String(r.state),
    bornTs: Number(r.born_ts),
    diedTs: (r.died_ts as number | null) ?? null,
    deathReason: (r.death_reason as string | null) ?? null,
    origin: (r.origin as AgentOrigin | undefined) ?? "config",
  };
}

import type { Db } from "./openDb.ts";
import { stmt } from "./stmt.ts";

/** What the supervisor did to an agent: each birth, change and death, with who asked and why. */
export interface AgentEvent {
  agentId: string;
  verb: "spawned" | "retired" | "reconfigured" | "updated";
  /** Who asked: an agent id (the boss), `config` (a file in config/agents/), `floor` (its start), or a CLI user. */
  by: string;
  reason: string;
  config?: unknown;
  ts: number;
}

export function recordAgentEvent(db: Db, e: AgentEvent): void {
  stmt(db, "INSERT INTO agent_events (agent_id, verb, by, reason, config_json, ts) VALUES (?, ?, ?, ?, ?, ?)").run(
    e.agentId, e.verb, e.by, e.reason, e.config === undefined ? null : JSON.stringify(e.config), e.ts,
  );
}

/** One agent's history, or the floor's, oldest first. */
export function listAgentEvents(db: Db, agentId?: string): AgentEvent[] {
  const rows = (agentId === undefined
    ? stmt(db, "SELECT * FROM agent_events ORDER BY seq").all()
    : stmt(db, "SELECT * FROM agent_events WHERE agent_id = ? ORDER BY seq").all(agentId)) as Array<Record<string, unknown>>;
  return rows.map((r) => ({
    agentId: String(r.agent_id),
    verb: r.verb as AgentEvent["verb"],
    by: String(r.by),
    reason: String(r.reason),
    ...(r.config_json === null ? {} : { config: JSON.parse(String(r.config_json)) }),
    ts: Number(r.ts),
  }));
}

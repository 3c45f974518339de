import type { Db } from "../../state/index.ts";
import type { AgentDayInput } from "./agentDay.ts";

/** The traders of a day: alive at some moment of it, or with a settlement in it (`active`). */
export function tradersOfDay(db: Db, from: number, to: number, active: ReadonlySet<string>): Array<AgentDayInput["agent"]> {
  const rows = db.prepare("SELECT agent_id, kind, parent_id, config_json, born_ts, died_ts FROM agents ORDER BY agent_id").all() as Array<{ agent_id: string; kind: string; parent_id: string | null; config_json: string; born_ts: number; died_ts: number | null }>;
  return rows
    .filter((r) => active.has(r.agent_id) || (r.kind === "trader" && r.born_ts < to && (r.died_ts === null || r.died_ts >= from)))
    .map((r) => {
      const strategy = (JSON.parse(r.config_json) as { strategy?: unknown }).strategy;
      return { agentId: r.agent_id, strategy: typeof strategy === "string" ? strategy : null, parentId: r.parent_id, bornTs: r.born_ts, diedTs: r.died_ts };
    });
}

import type { Db } from "../../state/index.ts";
import type { Roster } from "./DigestDay.ts";

/** Judgements that change the roster; `wait` and `keep` are only counted. */
const ROSTER_CHANGES = new Set(["kill", "clone", "retire"]);

/** Births and deaths (the supervisor's record of who asked and why) and the boss's judgements of the day. */
export function readRosterDay(db: Db, from: number, to: number): Roster {
  const life = db
    .prepare("SELECT e.ts, e.agent_id, e.verb, e.by, e.reason, a.parent_id FROM agent_events e LEFT JOIN agents a USING (agent_id) WHERE e.verb IN ('spawned', 'retired') AND e.ts >= ? AND e.ts < ? ORDER BY e.seq")
    .all(from, to) as Array<{ ts: number; agent_id: string; verb: string; by: string; reason: string; parent_id: string | null }>;
  const rows = life.map((r) => ({ verb: r.verb, row: { ts: r.ts, agentId: r.agent_id, by: r.by, reason: r.reason, parentId: r.parent_id } }));
  const judgements = db.prepare("SELECT ts, agent_id, action, reason, numbers_json FROM judgements WHERE ts >= ? AND ts < ? ORDER BY seq").all(from, to) as Array<{ ts: number; agent_id: string; action: string; reason: string; numbers_json: string }>;
  const judged: Record<string, number> = {};
  for (const j of judgements) judged[j.action] = (judged[j.action] ?? 0) + 1;
  return {
    births: rows.filter((r) => r.verb === "spawned").map((r) => r.row),
    deaths: rows.filter((r) => r.verb === "retired").map((r) => r.row),
    judgements: judgements
      .filter((j) => ROSTER_CHANGES.has(j.action))
      .map((j) => ({ ts: j.ts, agentId: j.agent_id, action: j.action, reason: j.reason, numbers: JSON.parse(j.numbers_json) as Record<string, number | string | null> })),
    judged,
  };
}

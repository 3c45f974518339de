import type { Db } from "../../state/index.ts";
import type { Roster } from "./DigestDay.ts";

/** Judgements that change the roster; `wait` and `keep` are only counted. */
const ROSTER_CHANGES = new Set(["kill", "clone", "retire"]);

interface Row {
  ts: number;
  agent_id: string;
  parent_id: string | null;
  by: string;
  reason: string;
}

/**
 * Births and deaths from the registry (an agent's first birth or its rebirth; its death and the
 * reason it was given), with who asked and why from the supervisor's record, else from the audited
 * lifecycle fact: floor-made agents are born at the floor's first start with no supervisor record.
 * A floor restart is not a birth (the registry keeps the first).
 */
export function readRosterDay(db: Db, from: number, to: number): Roster {
  const born = db
    .prepare(
      `SELECT a.born_ts AS ts, a.agent_id, a.parent_id,
         COALESCE((SELECT e.by FROM agent_events e WHERE e.agent_id = a.agent_id AND e.verb = 'spawned' AND e.ts = a.born_ts ORDER BY e.seq LIMIT 1),
                  (SELECT json_extract(l.detail_json, '$.by') FROM audit_log l WHERE l.kind IN ('agent_spawn', 'agent_clone') AND l.ts = a.born_ts AND json_extract(l.detail_json, '$.agentId') = a.agent_id ORDER BY l.seq LIMIT 1), '') AS by,
         COALESCE((SELECT e.reason FROM agent_events e WHERE e.agent_id = a.agent_id AND e.verb = 'spawned' AND e.ts = a.born_ts ORDER BY e.seq LIMIT 1),
                  (SELECT json_extract(l.detail_json, '$.reason') FROM audit_log l WHERE l.kind IN ('agent_spawn', 'agent_clone') AND l.ts = a.born_ts AND json_extract(l.detail_json, '$.agentId') = a.agent_id ORDER BY l.seq LIMIT 1), '') AS reason
       FROM agents a WHERE a.born_ts >= ? AND a.born_ts < ? ORDER BY a.born_ts, a.agent_id`,
    )
    .all(from, to) as Row[];
  const died = db
    .prepare(
      `SELECT a.died_ts AS ts, a.agent_id, a.parent_id, COALESCE(a.death_reason, '') AS reason,
         COALESCE((SELECT e.by FROM agent_events e WHERE e.agent_id = a.agent_id AND e.verb = 'retired' AND e.ts = a.died_ts ORDER BY e.seq LIMIT 1), '') AS by
       FROM agents a WHERE a.died_ts >= ? AND a.died_ts < ? ORDER BY a.died_ts, a.agent_id`,
    )
    .all(from, to) as Row[];
  const row = (r: Row) => ({ ts: r.ts, agentId: r.agent_id, by: r.by, reason: r.reason, parentId: r.parent_id });
  const judgements = db.prepare("SELECT ts, agent_id, action, reason, numbers_json FROM judgements WHERE ts >= ? AND ts < ? ORDER BY seq").all(from, to) as Array<{ ts: number; agent_id: string; action: string; reason: string; numbers_json: string }>;
  const judged: Record<string, number> = {};
  for (const j of judgements) judged[j.action] = (judged[j.action] ?? 0) + 1;
  return {
    births: born.map(row),
    deaths: died.map(row),
    judgements: judgements
      .filter((j) => ROSTER_CHANGES.has(j.action))
      .map((j) => ({ ts: j.ts, agentId: j.agent_id, action: j.action, reason: j.reason, numbers: JSON.parse(j.numbers_json) as Record<string, number | string | null> })),
    judged,
  };
}

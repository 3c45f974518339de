import type { Db } from "./openDb.ts";
import { stmt } from "./stmt.ts";

/** One of the boss's judgements of an agent at a review: what it decided, why, and the numbers (PSR, DSR, MinTRL, …). */
export interface JudgementRecord {
  agentId: string;
  ts: number;
  action: "wait" | "keep" | "kill" | "clone" | "retire";
  reason: string;
  /** Non-finite numbers (a MinTRL of Infinity) are stored as null: JSON has no Infinity. */
  numbers: Record<string, number | string | null>;
}

export function recordJudgement(db: Db, j: JudgementRecord): void {
  const numbers = Object.fromEntries(Object.entries(j.numbers).map(([k, v]) => [k, typeof v === "number" && !Number.isFinite(v) ? null : v]));
  stmt(db, "INSERT INTO judgements (agent_id, ts, action, reason, numbers_json) VALUES (?, ?, ?, ?, ?)").run(j.agentId, j.ts, j.action, j.reason, JSON.stringify(numbers));
}

/** The newest `limit` judgements of the floor, oldest first (a range of the primary key, whatever the table's size). */
export function recentJudgements(db: Db, limit: number): JudgementRecord[] {
  const rows = stmt(db, "SELECT * FROM (SELECT * FROM judgements ORDER BY seq DESC LIMIT ?) ORDER BY seq").all(limit) as Array<Record<string, unknown>>;
  return rows.map(toJudgement);
}

const toJudgement = (r: Record<string, unknown>): JudgementRecord =>
  ({ agentId: String(r.agent_id), ts: Number(r.ts), action: r.action as JudgementRecord["action"], reason: String(r.reason), numbers: JSON.parse(String(r.numbers_json)) as JudgementRecord["numbers"] });

/** Every judgement, oldest first; or one agent's. */
export function listJudgements(db: Db, agentId?: string): JudgementRecord[] {
  const rows = (agentId === undefined
    ? stmt(db, "SELECT * FROM judgements ORDER BY seq").all()
    : stmt(db, "SELECT * FROM judgements WHERE agent_id = ? ORDER BY seq").all(agentId)) as Array<Record<string, unknown>>;
  return rows.map(toJudgement);
}

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

/** Every judgement, oldest first; or one agent's. */
export function listJudgements(db: Db, agentId?: string): JudgementRecord[] {
  const rows = (agentId === undefined
    ? stmt(db, "SELECT * FROM judgements ORDER BY seq").all()
    : stmt(db, "SELECT * FROM judgements WHERE agent_id = ? ORDER BY seq").all(agentId)) as Array<Record<string, unknown>>;
  return rows.map((r) => ({ agentId: String(r.agent_id), ts: Number(r.ts), action: r.action as JudgementRecord["action"], reason: String(r.reason), numbers: JSON.parse(String(r.numbers_json)) as JudgementRecord["numbers"] }));
}

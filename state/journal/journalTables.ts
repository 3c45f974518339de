/**
 * The tables every role's file shares: each row is written by one role and copied to the others
 * through the state journal. The rest (floor_meta, snapshots, the journal's own) belong to one file.
 */
export const JOURNALED_TABLES: ReadonlySet<string> = new Set([
  "markets", "orders", "fills", "settlements", "cash", "positions",
  "agents", "agent_events", "audit_log", "forecasts", "judgements", "agent_metrics", "equity_points",
]);

const WRITE = /^\s*(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|REPLACE\s+INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM)\s+["`]?(\w+)/i;

/** The table a single INSERT, REPLACE, UPDATE or DELETE statement writes; undefined for anything else. */
export function writtenTable(sql: string): string | undefined {
  return WRITE.exec(sql)?.[1]?.toLowerCase();
}

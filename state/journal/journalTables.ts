/**
 * The tables every role's file shares: each row is written by one role and copied to the others
 * through the state journal. The rest (LOCAL_TABLES) belong to one file.
 */
export const JOURNALED_TABLES: ReadonlySet<string> = new Set([
  "markets", "orders", "fills", "settlements", "cash", "positions",
  "agents", "agent_events", "audit_log", "forecasts", "judgements", "agent_metrics", "equity_points",
]);

/**
 * The tables that belong to one process's file and are never journaled: its runs' facts, its
 * actors' snapshots, the journal's own bookkeeping, and the envelopes its durable consumers handled.
 * Every table a migration makes is in exactly one of the two sets (journalTables.test.ts).
 */
export const LOCAL_TABLES: ReadonlySet<string> = new Set(["floor_meta", "snapshots", "journal_out", "journal_in", "seen_envelopes"]);

const WRITE = /^\s*(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|REPLACE\s+INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM)\s+["`]?(\w+)/i;

/** The table a single INSERT, REPLACE, UPDATE or DELETE statement writes; undefined for anything else. */
export function writtenTable(sql: string): string | undefined {
  return WRITE.exec(sql)?.[1]?.toLowerCase();
}

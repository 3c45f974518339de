/** Every role registers its own agents and their events. */
const REGISTRY = ["agents", "agent_events"] as const;

/**
 * Which shared tables each role's process writes (DESIGN "State"): one writer per row. The
 * exchange keeps the ledger; the boss moves capital (cash rows of its own) and judges; the auditor
 * alone appends to the audit chain; the monitor keeps forecasts and figures. A journal row for a
 * table its source does not write is refused by every other file.
 */
export const ROLE_TABLES: Readonly<Record<string, readonly string[]>> = {
  exchange: ["markets", "orders", "fills", "settlements", "positions", "cash", ...REGISTRY],
  boss: ["cash", "judgements", ...REGISTRY],
  auditor: ["audit_log", ...REGISTRY],
  monitor: ["forecasts", "agent_metrics", "equity_points", ...REGISTRY],
  feed: [...REGISTRY],
  traders: [...REGISTRY],
};

/** Whether `role`'s process writes `table` (false for a role nobody declared). */
export function roleWrites(role: string, table: string): boolean {
  return ROLE_TABLES[role]?.includes(table) ?? false;
}

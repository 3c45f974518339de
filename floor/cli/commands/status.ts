import { parseOptions } from "../parseOptions.ts";
import { describeDiscrepancy, readStatus, reconcileLedger } from "../../../state/index.ts";
import { loadFloorConfig } from "../../config/index.ts";
import { statusReport } from "../formatStatus.ts";
import { skillByAgent } from "../skillByAgent.ts";
import { openFloorDb } from "../paths/index.ts";
import type { Io } from "../Io.ts";

/** Open the floor's database read-only; a missing file is a clear runtime error, a wrong one bad usage. */
export function openExisting(path: string) {
  return openFloorDb(path);
}

export function dbPathFrom(db: string | undefined, config?: string): string {
  return db ?? loadFloorConfig(config).floor.db;
}

/** `floor status`: agents, states, capital, PnL and the ledger hash, from the ledger, and any invariant broken. */
export async function status(argv: string[], io: Io): Promise<number> {
  const { values: v } = parseOptions({ args: argv, options: { db: { type: "string" }, json: { type: "boolean", default: false } }, strict: true });
  const db = openExisting(dbPathFrom(v.db));
  try {
    const s = readStatus(db);
    const skills = skillByAgent(db);
    // The ledger's own invariants, checked as at every start: each one that does not hold is flagged.
    const invariants = reconcileLedger(db).map(describeDiscrepancy);
    io.out(v.json ? JSON.stringify({ ...s, invariants, forecasts: Object.fromEntries(skills) }, null, 2) : statusReport(s, invariants, skills));
    return 0;
  } finally {
    db.close();
  }
}

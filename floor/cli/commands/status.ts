import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { describeDiscrepancy, openDb, readStatus, reconcileLedger } from "../../../state/index.ts";
import { loadFloorConfig } from "../../config/index.ts";
import { statusReport } from "../formatStatus.ts";
import type { Io } from "../Io.ts";

/** Open the floor's database read-only; a missing file is a clear runtime error. */
export function openExisting(path: string) {
  if (!existsSync(path)) throw new Error(`no floor database at ${path} (start a floor first, or pass --db PATH)`);
  return openDb(path, { readonly: true });
}

export function dbPathFrom(db: string | undefined, config?: string): string {
  return db ?? loadFloorConfig(config).floor.db;
}

/** `floor status`: agents, states, capital, PnL and the ledger hash, from the ledger, and any invariant broken. */
export async function status(argv: string[], io: Io): Promise<number> {
  const { values: v } = parseArgs({ args: argv, options: { db: { type: "string" }, json: { type: "boolean", default: false } }, strict: true });
  const db = openExisting(dbPathFrom(v.db));
  try {
    const s = readStatus(db);
    // The ledger's own invariants, checked as at every start: each one that does not hold is flagged.
    const invariants = reconcileLedger(db).map(describeDiscrepancy);
    io.out(v.json ? JSON.stringify({ ...s, invariants }, null, 2) : statusReport(s, invariants));
    return 0;
  } finally {
    db.close();
  }
}

import { parseOptions } from "../parseOptions.ts";
import { readStatus } from "../../../state/index.ts";
import { loadFloorConfig } from "../../config/index.ts";
import { statusReport } from "../formatStatus.ts";
import { openFloorDb } from "../paths/index.ts";
import type { Io } from "../Io.ts";

/** Open the floor's database read-only; a missing file is a clear runtime error, a wrong one bad usage. */
export function openExisting(path: string) {
  return openFloorDb(path);
}

export function dbPathFrom(db: string | undefined, config?: string): string {
  return db ?? loadFloorConfig(config).floor.db;
}

/** `floor status`: agents, states, capital, PnL and the ledger hash, from the ledger. */
export async function status(argv: string[], io: Io): Promise<number> {
  const { values: v } = parseOptions({ args: argv, options: { db: { type: "string" }, json: { type: "boolean", default: false } }, strict: true });
  const db = openExisting(dbPathFrom(v.db));
  try {
    const s = readStatus(db);
    io.out(v.json ? JSON.stringify(s, null, 2) : statusReport(s));
    return 0;
  } finally {
    db.close();
  }
}

import { parseOptions } from "../parseOptions.ts";
import { verifyFloor, type FloorVerdict } from "../../../state/index.ts";
import { UsageError } from "../UsageError.ts";
import type { Io } from "../Io.ts";
import { dbPathFrom, openExisting } from "./status.ts";

/** The verdict for people: a line a check, each problem under the check it failed. */
function report(v: FloorVerdict): string[] {
  const lines = v.checks.flatMap((c) => [
    c.ok ? `${c.name.padEnd(10)} ok: ${c.summary}` : `FAILED ${c.name}: ${c.summary}${c.problems.length > 1 ? ` (${c.problems.length} problems)` : ""}`,
    ...c.problems.map((p) => `  - ${p}`),
  ]);
  const failed = v.checks.filter((c) => !c.ok).map((c) => c.name);
  return [...lines, v.ok ? `audit log intact: ${v.entries} entries, head ${v.head}; the ledger agrees with it` : `audit verify FAILED: ${failed.join(", ")}`];
}

/**
 * `floor audit verify`: SQLite's integrity check, the audit log's hash chain, its head against the
 * anchors kept outside it, the ledger's invariants, and the ledger against the audit log. Exit 1
 * when any fails. Read-only: it never writes the anchor.
 */
export async function audit(argv: string[], io: Io): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== "verify") throw new UsageError("usage: floor audit verify [--db PATH] [--json]");
  const { values: v } = parseOptions({ args: rest, options: { db: { type: "string" }, json: { type: "boolean", default: false } }, strict: true });
  const path = dbPathFrom(v.db);
  let db;
  try {
    db = openExisting(path);
  } catch (e) {
    // A file SQLite cannot open at all (its header overwritten) fails the integrity check.
    if ((e as { code?: string }).code?.startsWith("SQLITE_")) throw new Error(`FAILED integrity: ${path}: ${(e as Error).message}`);
    throw e;
  }
  try {
    const r = verifyFloor(db, path);
    io.out(v.json ? JSON.stringify(r) : report(r).join("\n"));
    return r.ok ? 0 : 1;
  } finally {
    db.close();
  }
}

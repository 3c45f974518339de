import { parseOptions } from "../parseOptions.ts";
import { verifyAudit } from "../../../state/index.ts";
import { UsageError } from "../UsageError.ts";
import type { Io } from "../Io.ts";
import { dbPathFrom, openExisting } from "./status.ts";

/** `floor audit verify`: recompute the audit log's hash chain; exit 1 if it is broken. */
export async function audit(argv: string[], io: Io): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== "verify") throw new UsageError("usage: floor audit verify [--db PATH]");
  const { values: v } = parseOptions({ args: rest, options: { db: { type: "string" }, json: { type: "boolean", default: false } }, strict: true });
  const db = openExisting(dbPathFrom(v.db));
  try {
    const r = verifyAudit(db);
    if (v.json) io.out(JSON.stringify(r));
    else io.out(r.ok ? `audit log intact: ${r.entries} entries, head ${r.head}` : `audit log BROKEN at entry ${r.brokenAt}: ${r.reason} (${r.entries} entries verified before it)`);
    return r.ok ? 0 : 1;
  } finally {
    db.close();
  }
}

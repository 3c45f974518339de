import { parseOptions } from "../parseOptions.ts";
import { listAgents } from "../../../state/index.ts";
import type { Io } from "../Io.ts";
import { dbPathFrom, openExisting } from "./status.ts";

/** `floor agents`: the registry, with lineage, births, deaths and reasons. */
export async function agents(argv: string[], io: Io): Promise<number> {
  const { values: v } = parseOptions({ args: argv, options: { db: { type: "string" }, json: { type: "boolean", default: false } }, strict: true });
  const db = openExisting(dbPathFrom(v.db));
  try {
    const rows = listAgents(db);
    if (v.json) io.out(JSON.stringify(rows, null, 2));
    else
      for (const a of rows)
        io.out(`${a.agentId.padEnd(20)} ${a.kind.padEnd(9)} ${a.state.padEnd(11)} born ${new Date(a.bornTs).toISOString()}${a.parentId ? ` from ${a.parentId}` : ""}${a.diedTs ? ` died ${new Date(a.diedTs).toISOString()}: ${a.deathReason}` : ""}`);
    return 0;
  } finally {
    db.close();
  }
}

import { parseOptions } from "../parseOptions.ts";
import { listAgentEvents, listAgents } from "../../../state/index.ts";
import type { Io } from "../Io.ts";
import { dbPathFrom, openExisting } from "./status.ts";

const at = (ts: number) => new Date(ts).toISOString();

/** `floor agents`: the registry, with lineage, births and deaths; `--history` adds every spawn, change and retirement with who asked and why. */
export async function agents(argv: string[], io: Io): Promise<number> {
  const { values: v } = parseOptions({ args: argv, options: { db: { type: "string" }, json: { type: "boolean", default: false }, history: { type: "boolean", default: false } }, strict: true });
  const db = openExisting(dbPathFrom(v.db));
  try {
    const rows = listAgents(db);
    const events = listAgentEvents(db);
    if (v.json) {
      io.out(JSON.stringify(rows.map((a) => ({ ...a, events: events.filter((e) => e.agentId === a.agentId) })), null, 2));
      return 0;
    }
    for (const a of rows) {
      io.out(`${a.agentId.padEnd(20)} ${a.kind.padEnd(9)} ${a.state.padEnd(11)} ${a.origin.padEnd(8)} born ${at(a.bornTs)}${a.parentId ? ` from ${a.parentId}` : ""}${a.diedTs ? ` died ${at(a.diedTs)}: ${a.deathReason}` : ""}`);
      if (v.history) for (const e of events.filter((x) => x.agentId === a.agentId)) io.out(`  ${at(e.ts)} ${e.verb} by ${e.by}: ${e.reason}`);
    }
    return 0;
  } finally {
    db.close();
  }
}

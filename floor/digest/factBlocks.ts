import { tableOr, type Block } from "./Block.ts";
import type { FactList } from "./DigestDay.ts";
import { clockTime } from "./utcDate.ts";

/** How many of a list's facts, by kind: "3 (agent_failed 1, supervision 2)". */
export function countText(l: FactList): string {
  const kinds = Object.entries(l.byKind).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return kinds.length ? `${l.total} (${kinds.map(([k, n]) => `${k} ${n}`).join(", ")})` : "0";
}

/** A list of audited facts as a table, saying when it shows only the first of them. */
export function factBlocks(l: FactList, none: string): Block[] {
  const cut = l.total > l.first.length ? [{ type: "para" as const, text: `The first ${l.first.length} of ${l.total}; \`floor audit\` and the audit log hold them all.` }] : [];
  return [tableOr(["Time", "Kind", "Source", "Detail"], l.first.map((f) => [clockTime(f.ts), f.kind, f.src, f.summary]), none), ...cut];
}

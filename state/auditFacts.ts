import { FIELDS, numbered, pick } from "./factFields.ts";
import type { Fact, FactKind } from "./matchFacts.ts";
import type { Db } from "./openDb.ts";
import { stmt } from "./stmt.ts";

/** Audit kinds that record a ledger movement, and the key the ledger books it under. */
const AUDITED: Record<string, { kind: FactKind; key: (d: Record<string, unknown>) => string }> = {
  approved: { kind: "order", key: (d) => String(d.intentId) },
  order_fill: { kind: "fill", key: (d) => String(d.fillId) },
  order_reversal: { kind: "reversal", key: (d) => String(d.fillId) },
  order_settle: { kind: "settlement", key: (d) => `${String(d.agentId)}/${String(d.marketId)}` },
  transfer: { kind: "transfer", key: (d) => String(d.ref) },
  deposit: { kind: "deposit", key: (d) => String(d.agentId) },
};

/** Written at a start after an unclean stop, for a fact the crash kept off one side (see recoverAudit.ts). */
export const RECOVERED = "audit_recovered";

function parsed(json: string): Record<string, unknown> {
  try {
    return JSON.parse(json) as Record<string, unknown>;
  } catch {
    return {}; // an entry that is not JSON matches nothing: its fields show as missing
  }
}

/**
 * The audit log's record of each ledger movement. A recovered entry stands for the fact it names
 * (booked, its record lost), or withdraws one audit record (audited, never booked).
 */
export function auditFacts(db: Db): Fact[] {
  const kinds = Object.keys(AUDITED);
  const rows = stmt(db, `SELECT seq, ts, kind, detail_json FROM audit_log WHERE (severity = 'info' AND kind IN (${kinds.map(() => "?").join(", ")})) OR kind = ? ORDER BY seq`)
    .all(...kinds, RECOVERED) as Array<{ seq: number; ts: number; kind: string; detail_json: string }>;
  const [facts, recovered, unbooked]: [Fact[], Fact[], string[]] = [[], [], []];
  for (const r of rows) {
    const d = parsed(r.detail_json);
    const at = `audit entry ${r.seq}`;
    if (r.kind !== RECOVERED) {
      const a = AUDITED[r.kind]!;
      facts.push({ kind: a.kind, key: a.key(d), at, ts: r.ts, fields: pick(a.kind, d) });
      continue;
    }
    const kind = d.fact as FactKind;
    if (!(kind in FIELDS)) continue;
    if (d.unbooked === true) unbooked.push(`${kind} ${String(d.key)}`);
    else recovered.push({ kind, key: String(d.key), at: `${at}, recovered`, ts: r.ts, fields: pick(kind, d) });
  }
  const out = numbered(facts);
  for (const k of unbooked) {
    const i = out.findIndex((f) => `${f.kind} ${f.key}` === k);
    if (i >= 0) out.splice(i, 1);
  }
  return [...out, ...recovered];
}

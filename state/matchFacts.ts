import { toUnits } from "../protocols/index.ts";

/** The money and share movements the ledger books and the audit log must record too. */
export const FACT_KINDS = ["order", "fill", "reversal", "settlement", "transfer", "deposit"] as const;
export type FactKind = (typeof FACT_KINDS)[number];

/** One booked movement as one side has it: `at` says where ("fills row 3", "audit entry 27"). */
export interface Fact {
  kind: FactKind;
  key: string;
  at: string;
  /** Floor time (ms) it was booked or audited at. */
  ts: number;
  /** Amounts in micro-units, ids as text. */
  fields: Record<string, string | number>;
}

export interface FactMatch {
  problems: string[];
  /** Ledger facts by kind. */
  counts: Record<FactKind, number>;
  /** Unmatched facts at or after `inFlightFrom`: a running floor's, not yet on both sides. */
  pending: number;
  /** Every fact found on one side only, pending or not. */
  ledgerOnly: Fact[];
  auditOnly: Fact[];
}

const shown = (v: string | number | undefined) => (v === undefined ? "(none)" : typeof v === "number" ? String(toUnits(v)) : v);

function byKey(facts: readonly Fact[], collapse: boolean): Map<string, Fact[]> {
  const out = new Map<string, Fact[]>();
  for (const f of facts) {
    const k = `${f.kind} ${f.key}`;
    const list = out.get(k) ?? [];
    // A fact audited twice with the same figures (a redelivered message) is one fact.
    if (collapse && list.some((g) => JSON.stringify(g.fields) === JSON.stringify(f.fields))) continue;
    out.set(k, [...list, f]);
  }
  return out;
}

/**
 * Pair each ledger fact with the audit fact of the same kind and key (in order, when a key
 * repeats) and compare every figure the ledger holds. A fact on one side only is a problem,
 * unless it is at or after `inFlightFrom` (a running floor books first and audits just after).
 */
export function matchFacts(ledger: readonly Fact[], audit: readonly Fact[], inFlightFrom?: number): FactMatch {
  const counts = Object.fromEntries(FACT_KINDS.map((k) => [k, 0])) as Record<FactKind, number>;
  for (const f of ledger) counts[f.kind]++;
  const problems: string[] = [];
  let pending = 0;
  const only: Record<string, Fact[]> = { ledger: [], "audit log": [] };
  const l = byKey(ledger, false);
  const a = byKey(audit, true);
  const alone = (f: Fact, side: string, other: string) => {
    only[side]!.push(f);
    if (inFlightFrom !== undefined && f.ts >= inFlightFrom) pending++;
    else problems.push(`${f.kind} ${f.key} is in the ${side} (${f.at}) but not in the ${other}`);
  };
  for (const k of new Set([...l.keys(), ...a.keys()])) {
    const [ls, as] = [l.get(k) ?? [], a.get(k) ?? []];
    for (let i = 0; i < Math.max(ls.length, as.length); i++) {
      const [x, y] = [ls[i], as[i]];
      if (!y) alone(x!, "ledger", "audit log");
      else if (!x) alone(y, "audit log", "ledger");
      else {
        const diff = Object.keys(x.fields).filter((f) => x.fields[f] !== y.fields[f]);
        const what = diff.map((f) => `${f}: ledger ${shown(x.fields[f])}, audit ${shown(y.fields[f])}`).join("; ");
        if (diff.length > 0) problems.push(`${x.kind} ${x.key} (${x.at} ↔ ${y.at}): ${what}`);
      }
    }
  }
  return { problems, counts, pending, ledgerOnly: only.ledger!, auditOnly: only["audit log"]! };
}

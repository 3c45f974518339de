import type { Fact, FactKind } from "./matchFacts.ts";
import type { Db } from "./openDb.ts";
import { stmt } from "./stmt.ts";

/** The figures compared per kind: the ledger's columns, named as the audit records' detail names them. */
const FIELDS: Record<FactKind, readonly string[]> = {
  order: ["agentId", "price", "size"],
  fill: ["orderId", "agentId", "side", "outcome", "price", "size", "feeShares", "feeUsd", "cashDelta", "sharesDelta"],
  reversal: ["orderId", "size", "cashDelta", "sharesDelta"],
  settlement: ["winner", "upShares", "downShares", "payout", "pnl"],
  transfer: ["from", "to", "amount"],
  deposit: ["amount"],
};

/** Each kind's ledger rows, as `at`, `key`, `ts` and the fields above. */
const LEDGER: Record<FactKind, string> = {
  order: `SELECT 'orders row ' || seq AS at, intent_id AS key, created_ts AS ts, agent_id AS agentId, price_micro AS price, size_micro AS size FROM orders ORDER BY seq`,
  fill: `SELECT 'fills row ' || seq AS at, fill_id AS key, ts, order_id AS orderId, agent_id AS agentId, side, outcome, price_micro AS price, size_micro AS size,
    fee_shares_micro AS feeShares, fee_usd_micro AS feeUsd, cash_delta_micro AS cashDelta, shares_delta_micro AS sharesDelta FROM fills WHERE reverses IS NULL ORDER BY seq`,
  // A reversal row negates the fill it names; its event reports the size undone as positive.
  reversal: `SELECT 'fills row ' || seq AS at, reverses AS key, ts, order_id AS orderId, -size_micro AS size, cash_delta_micro AS cashDelta, shares_delta_micro AS sharesDelta
    FROM fills WHERE reverses IS NOT NULL ORDER BY seq`,
  settlement: `SELECT 'settlements row ' || seq AS at, agent_id || '/' || market_id AS key, ts, winner, up_shares_micro AS upShares, down_shares_micro AS downShares,
    payout_micro AS payout, pnl_micro AS pnl FROM settlements ORDER BY seq`,
  // A transfer is two consecutive rows under one ref: out of one account, into another.
  transfer: `SELECT 'cash rows ' || a.seq || '+' || b.seq AS at, a.ref AS key, b.ts, a.agent_id AS "from", b.agent_id AS "to", b.delta_micro AS amount
    FROM cash a JOIN cash b ON b.seq = a.seq + 1 AND b.reason = 'allocate' AND b.ref IS a.ref AND b.delta_micro = -a.delta_micro
    WHERE a.reason = 'allocate' AND a.delta_micro < 0 ORDER BY a.seq`,
  deposit: `SELECT 'cash row ' || seq AS at, agent_id AS key, ts, delta_micro AS amount FROM cash WHERE reason = 'deposit' ORDER BY seq`,
};

/** Audit kinds that record a ledger movement, and the key the ledger books it under. */
const AUDITED: Record<string, { kind: FactKind; key: (d: Record<string, unknown>) => string }> = {
  approved: { kind: "order", key: (d) => String(d.intentId) },
  order_fill: { kind: "fill", key: (d) => String(d.fillId) },
  order_reversal: { kind: "reversal", key: (d) => String(d.fillId) },
  order_settle: { kind: "settlement", key: (d) => `${String(d.agentId)}/${String(d.marketId)}` },
  transfer: { kind: "transfer", key: (d) => String(d.ref) },
  deposit: { kind: "deposit", key: (d) => String(d.agentId) },
};

/** Deposits have no id of their own: the nth deposit of an account is `account#n` on both sides. */
function numbered(facts: Fact[]): Fact[] {
  const n = new Map<string, number>();
  return facts.map((f) => {
    if (f.kind !== "deposit") return f;
    n.set(f.key, (n.get(f.key) ?? 0) + 1);
    return { ...f, key: `${f.key}#${n.get(f.key)}` };
  });
}

const pick = (kind: FactKind, from: Record<string, unknown>) =>
  Object.fromEntries(FIELDS[kind].map((f) => [f, from[f] as string | number]).filter(([, v]) => v !== undefined));

export function ledgerFacts(db: Db): Fact[] {
  return numbered((Object.keys(LEDGER) as FactKind[]).flatMap((kind) =>
    (stmt(db, LEDGER[kind]).all() as Array<Record<string, unknown>>).map((r) => ({ kind, key: String(r.key), at: String(r.at), ts: Number(r.ts), fields: pick(kind, r) })),
  ));
}

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

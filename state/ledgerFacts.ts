import type { Fact, FactKind } from "./matchFacts.ts";
import { numbered, pick } from "./factFields.ts";
import type { Db } from "./openDb.ts";
import { stmt } from "./stmt.ts";

/** Each kind's ledger rows, as `at`, `key`, `ts` and the fields of factFields.ts. */
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

/** Every order, fill, reversal, settlement, transfer and deposit the ledger booked. */
export function ledgerFacts(db: Db): Fact[] {
  return numbered((Object.keys(LEDGER) as FactKind[]).flatMap((kind) =>
    (stmt(db, LEDGER[kind]).all() as Array<Record<string, unknown>>).map((r) => ({ kind, key: String(r.key), at: String(r.at), ts: Number(r.ts), fields: pick(kind, r) })),
  ));
}

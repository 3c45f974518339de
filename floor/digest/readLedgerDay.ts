import type { Db } from "../../state/index.ts";
import type { TradeRow, TransferRow } from "./DigestDay.ts";

/** What the ledger holds of one day [from, to): every figure the digest takes from it. */
export interface LedgerDay {
  settlements: TradeRow[];
  deposits: Array<{ ts: number; agentId: string; amount: number }>;
  equityBefore: number;
  fills: Map<string, { count: number; fees: number; feeShares: number }>;
  transfers: TransferRow[];
  /** An agent's realised equity (allocations + realised PnL) before floor time `ts`. */
  agentEquityBefore(agentId: string, ts: number): number;
}

const n = (db: Db, sql: string, ...args: unknown[]): number => Number((db.prepare(sql).get(...args) as { n: number | null }).n ?? 0);

export function readLedgerDay(db: Db, from: number, to: number): LedgerDay {
  const settlements = (
    db.prepare("SELECT ts, agent_id, market_id, winner, up_shares_micro, down_shares_micro, cost_micro, payout_micro, pnl_micro FROM settlements WHERE ts >= ? AND ts < ? ORDER BY ts, seq").all(from, to) as Array<Record<string, number | string>>
  ).map((r): TradeRow => ({
    ts: Number(r.ts), agentId: String(r.agent_id), marketId: String(r.market_id), winner: String(r.winner),
    upShares: Number(r.up_shares_micro), downShares: Number(r.down_shares_micro), cost: Number(r.cost_micro), payout: Number(r.payout_micro), pnl: Number(r.pnl_micro),
  }));
  const deposits = (db.prepare("SELECT ts, agent_id, delta_micro FROM cash WHERE reason = 'deposit' AND ts >= ? AND ts < ? ORDER BY seq").all(from, to) as Array<{ ts: number; agent_id: string; delta_micro: number }>).map((r) => ({ ts: r.ts, agentId: r.agent_id, amount: r.delta_micro }));
  const equityBefore = n(db, "SELECT SUM(delta_micro) AS n FROM cash WHERE reason = 'deposit' AND ts < ?", from) + n(db, "SELECT SUM(pnl_micro) AS n FROM settlements WHERE ts < ?", from);
  // A reversal row undoes a fill: it is not a fill of its own, but its (negative) fee counts.
  const fills = new Map(
    (db.prepare("SELECT agent_id, SUM(reverses IS NULL) AS count, SUM(fee_usd_micro) AS fees, SUM(fee_shares_micro) AS fee_shares FROM fills WHERE ts >= ? AND ts < ? GROUP BY agent_id").all(from, to) as Array<{ agent_id: string; count: number; fees: number; fee_shares: number }>).map((r) => [r.agent_id, { count: r.count, fees: r.fees, feeShares: r.fee_shares }]),
  );
  return {
    settlements,
    deposits,
    equityBefore,
    fills,
    transfers: transfersOf(db, from, to),
    agentEquityBefore: (agentId, ts) =>
      n(db, "SELECT SUM(delta_micro) AS n FROM cash WHERE agent_id = ? AND reason = 'allocate' AND ts < ?", agentId, ts) + n(db, "SELECT SUM(pnl_micro) AS n FROM settlements WHERE agent_id = ? AND ts < ?", agentId, ts),
  };
}

/** Capital moves: each transfer is two `allocate` cash rows with one ref (− from, + to), its reason in the audit log. */
function transfersOf(db: Db, from: number, to: number): TransferRow[] {
  const rows = db.prepare("SELECT ts, agent_id, delta_micro, ref FROM cash WHERE reason = 'allocate' AND ts >= ? AND ts < ? ORDER BY seq").all(from, to) as Array<{ ts: number; agent_id: string; delta_micro: number; ref: string | null }>;
  const reasons = new Map(
    (db.prepare("SELECT json_extract(detail_json, '$.ref') AS ref, json_extract(detail_json, '$.reason') AS reason FROM audit_log WHERE kind = 'transfer' AND ts >= ? AND ts < ?").all(from, to) as Array<{ ref: string | null; reason: string | null }>).map((r) => [r.ref, r.reason]),
  );
  const out: TransferRow[] = [];
  const open = new Map<string, { ts: number; agentId: string; delta: number }>();
  for (const r of rows) {
    const ref = r.ref ?? "";
    const other = open.get(ref);
    if (!other) {
      open.set(ref, { ts: r.ts, agentId: r.agent_id, delta: r.delta_micro });
      continue;
    }
    open.delete(ref);
    const [src, dst] = other.delta < 0 ? [other.agentId, r.agent_id] : [r.agent_id, other.agentId];
    out.push({ ts: other.ts, from: src, to: dst, amount: Math.abs(r.delta_micro), ref, reason: reasons.get(ref) ?? null });
  }
  // A half transfer (its pair in another day) is listed as it stands: the ledger check flags it, the digest hides nothing.
  for (const [ref, h] of open) out.push({ ts: h.ts, from: h.delta < 0 ? h.agentId : "?", to: h.delta < 0 ? "?" : h.agentId, amount: Math.abs(h.delta), ref, reason: reasons.get(ref) ?? null });
  return out.sort((a, b) => a.ts - b.ts);
}

import { feeCurrency, type FeeSchedule, type MarketOpen, type Outcome } from "../protocols/index.ts";
import type { Db } from "./openDb.ts";
import { stmt } from "./stmt.ts";

/** Record a market window when it opens (idempotent: a replayed open changes nothing). */
export function recordMarketOpen(db: Db, m: MarketOpen): void {
  stmt(
    db,
    `INSERT OR IGNORE INTO markets (market_id, slug, symbol, up_token_id, down_token_id, start_ts, end_ts, strike_micro, fee_rate, fee_exponent, fee_currency, fee_rebate_rate, fee_taker_rebate_rate)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    m.marketId, m.slug, m.symbol, m.upTokenId, m.downTokenId, m.startTs, m.endTs, m.strike, m.fee.rate, m.fee.exponent,
    feeCurrency(m.fee), m.fee.rebateRate ?? null, m.fee.takerRebateRate ?? null,
  );
}

export function recordMarketClose(db: Db, marketId: string, endPrice: number): void {
  stmt(db, "UPDATE markets SET end_price_micro = ? WHERE market_id = ?").run(endPrice, marketId);
}

/** Record the outcome; returns false when the market was already resolved (a duplicate message). */
export function recordMarketResolved(db: Db, marketId: string, outcome: Outcome, derived: boolean, ts: number): boolean {
  const r = stmt(
    db,
    "UPDATE markets SET outcome = ?, outcome_derived = ?, resolved_ts = ? WHERE market_id = ? AND outcome IS NULL",
  ).run(outcome, derived ? 1 : 0, ts, marketId);
  return r.changes === 1;
}

/**
 * A market's fee schedule as the ledger recorded it at the open: rate, exponent, currency and
 * rebates (Polymarket's crypto markets charge takers only). For fills booked before the feed
 * re-announces the market after a restart, and for the boss's cost of an order.
 */
export function marketFee(db: Db, marketId: string): FeeSchedule | undefined {
  const r = stmt(
    db,
    "SELECT fee_rate AS rate, fee_exponent AS exponent, fee_currency AS currency, fee_rebate_rate AS rebateRate, fee_taker_rebate_rate AS takerRebateRate FROM markets WHERE market_id = ?",
  ).get(marketId) as { rate: number; exponent: number; currency: "usd" | "shares"; rebateRate: number | null; takerRebateRate: number | null } | undefined;
  if (!r) return undefined;
  return {
    rate: r.rate, exponent: r.exponent, takerOnly: true, currency: r.currency,
    ...(r.rebateRate !== null ? { rebateRate: r.rebateRate } : {}),
    ...(r.takerRebateRate !== null ? { takerRebateRate: r.takerRebateRate } : {}),
  };
}

/** Where a market stands in the ledger: its end, and whether it has closed (an end price) or resolved (an outcome). */
export function marketProgress(db: Db, marketId: string): { endTs: number; closed: boolean; resolved: boolean } | undefined {
  const r = stmt(db, "SELECT end_ts, end_price_micro, outcome FROM markets WHERE market_id = ?").get(marketId) as
    | { end_ts: number; end_price_micro: number | null; outcome: string | null }
    | undefined;
  return r && { endTs: r.end_ts, closed: r.end_price_micro !== null, resolved: r.outcome !== null };
}

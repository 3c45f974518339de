import type { Db } from "./openDb.ts";
import { scalar, stmt } from "./stmt.ts";

/** The ledger's figures a venue reconciliation holds against what the venue reports. */

/** All cash the ledger counts, floor and agents together (what the wallet should hold at least). */
export function ledgerCash(db: Db): number {
  return scalar(db, "SELECT SUM(delta_micro) AS n FROM cash");
}

/** Net shares bought minus sold of one token, gross of fees (as the venue's trades count them); reversals included. */
export function netSharesOfToken(db: Db, tokenId: string): number {
  return scalar(db, "SELECT SUM(CASE f.side WHEN 'BUY' THEN f.size_micro ELSE -f.size_micro END) AS n FROM fills f JOIN orders o ON o.order_id = f.order_id WHERE o.token_id = ?", tokenId);
}

/** Tokens of markets the ledger holds orders in that have not been settled. */
export function unsettledTokens(db: Db): string[] {
  const rows = stmt(db, "SELECT DISTINCT token_id AS t FROM orders WHERE market_id NOT IN (SELECT market_id FROM settlements) AND status != 'rejected'").all() as Array<{ t: string }>;
  return rows.map((r) => r.t);
}

/** An order's fills that stand (neither a reversal nor reversed), by ledger fill id, with their sizes. */
export function standingFills(db: Db, orderId: string): Array<{ fillId: string; size: number }> {
  return stmt(db, "SELECT fill_id AS fillId, size_micro AS size FROM fills WHERE order_id = ? AND reverses IS NULL AND fill_id NOT IN (SELECT reverses FROM fills WHERE reverses IS NOT NULL)").all(orderId) as Array<{ fillId: string; size: number }>;
}

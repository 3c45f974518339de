/**
 * What became of a posted order, asked of the venue: the fills behind an accepted post, or —
 * after a post timed out — whether the venue has the order at all, looked up by its id in open
 * orders and trades.
 */
import type { ClobClient, OrderResponse } from "@polymarket/clob-client-v2";
import { applyTrades, closeOutImmediate, type Emit } from "./applyTrades.ts";
import { openOrderForId, tradesForOrder, venueMicro } from "./events.ts";
import { step, type IntentEntry } from "./orderLife.ts";
import type { VenueCall } from "./venueCall.ts";

export interface VenueReads {
  call: VenueCall;
  /** Asked for inside each call: it throws before init(). */
  client: () => ClobClient;
}

/**
 * Look the order up by its hash in open orders and trades. True if the venue has it. On a miss
 * with `mayResend` the order machine goes back to new (to be sent again); otherwise it stays put.
 */
export async function reconcile(venue: VenueReads, entry: IntentEntry, emit: Emit, mayResend = true): Promise<boolean> {
  const open = await venue.call("GET /data/orders", () => venue.client().getOpenOrders({ id: entry.orderId }));
  const trades = await venue.call("GET /data/trades", () => venue.client().getTrades({ asset_id: entry.intent.tokenId }));
  const mine = tradesForOrder(trades, entry.orderId);
  const o = openOrderForId(open, entry.orderId);
  if (!o && mine.length === 0) {
    if (mayResend) step(entry, { type: "RECONCILED", venue: { found: false } });
    return false;
  }
  // Found: whatever it did, the venue has it (its fills and cancels follow below).
  step(entry, { type: "RECONCILED", venue: { found: true, status: "live", filled: 0 } });
  emit({ type: "ack", intentId: entry.intent.intentId, orderId: entry.orderId, venueStatus: o ? o.status : "MATCHED" });
  applyTrades(entry, mine, emit);
  closeOutImmediate(entry, o === undefined, emit);
  return true;
}

/** An accepted post's fills: fetched only if the answer says it matched. */
export async function collectFills(venue: VenueReads, entry: IntentEntry, res: OrderResponse, emit: Emit): Promise<void> {
  const matched = venueMicro(entry.intent.side === "BUY" ? res.takingAmount || "0" : res.makingAmount || "0");
  const hasTrades = (res.tradeIDs?.length ?? 0) > 0 || matched > 0 || String(res.status).toLowerCase() === "matched";
  if (hasTrades) {
    const trades = await venue.call("GET /data/trades", () => venue.client().getTrades({ asset_id: entry.intent.tokenId }));
    applyTrades(entry, tradesForOrder(trades, entry.orderId), emit);
  }
  closeOutImmediate(entry, String(res.status).toLowerCase() !== "live", emit);
}

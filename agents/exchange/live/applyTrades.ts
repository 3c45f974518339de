/**
 * Venue trades applied to one tracked order: new fills (taker or maker leg), trade status
 * changes, FAILED trades undone, and the venue's cancel of a FOK/FAK remainder.
 */
import type { Trade } from "@polymarket/clob-client-v2";
import { normTradeStatus } from "../../../floor/adapters/polymarket/index.ts";
import { tradeSizeForOrder, type LiveEvent, type LiveFill } from "./events.ts";
import { step, type IntentEntry } from "./orderLife.ts";

/** Reports one event of the order being worked on. */
export type Emit = (e: LiveEvent) => void;

export function applyTrades(entry: IntentEntry, trades: readonly Trade[], emit: Emit): void {
  for (const t of trades) {
    const leg = tradeSizeForOrder(t, entry.orderId);
    if (!leg) continue;
    const status = normTradeStatus(t.status);
    const prev = entry.trades.get(t.id);
    if (status === "FAILED") {
      if (prev && prev.status !== "FAILED") {
        entry.filled -= prev.size;
        entry.trades.set(t.id, { status, size: prev.size });
        emit({ type: "fill_reverted", intentId: entry.intent.intentId, orderId: entry.orderId, fillId: t.id, size: prev.size, reason: t.err_msg ?? "trade FAILED" });
      } else if (!prev) {
        entry.trades.set(t.id, { status, size: leg.size });
      }
      continue;
    }
    if (prev) {
      if (prev.status !== status) entry.trades.set(t.id, { status, size: prev.size });
      continue;
    }
    entry.trades.set(t.id, { status, size: leg.size });
    entry.filled += leg.size;
    step(entry, { type: "FILL", size: leg.size });
    const fill: LiveFill = {
      type: "fill",
      liquidity: t.taker_order_id?.toLowerCase() === entry.orderId.toLowerCase() ? "taker" : "maker",
      intentId: entry.intent.intentId,
      orderId: entry.orderId,
      fillId: t.id,
      tokenId: entry.intent.tokenId,
      side: entry.intent.side,
      price: leg.price,
      size: leg.size,
      tradeStatus: status,
      final: status === "CONFIRMED",
      filledTotal: entry.filled,
      partial: entry.filled < entry.intent.size,
    };
    emit(fill);
  }
}

/** FOK/FAK never rest: whatever did not fill is cancelled by the venue. */
export function closeOutImmediate(entry: IntentEntry, notResting: boolean, emit: Emit): void {
  const t = entry.intent.type;
  if ((t === "FOK" || t === "FAK") && notResting && entry.filled < entry.intent.size) {
    step(entry, { type: "CANCELLED", reason: `${t} remainder cancelled by venue` });
    emit({ type: "cancel", intentId: entry.intent.intentId, orderId: entry.orderId, remaining: entry.intent.size - entry.filled, reason: `${t} remainder cancelled by venue` });
  }
}

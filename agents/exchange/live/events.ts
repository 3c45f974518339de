/**
 * Venue order/trade states mapped to our event kinds (ack, fill, cancel, reject) as plain
 * objects. Prices and sizes are integer micro-units (price 0.52 = 520_000; 1 share = 1_000_000);
 * token ids stay decimal strings. The lead wraps these into protocol envelopes (OrderAck,
 * OrderFill, ...) when wiring `--mode live`.
 */
import type { OpenOrder, OrderResponse, Trade } from "@polymarket/clob-client-v2";
import { microFromDecimal } from "../../../protocols/money.ts";
import type { OrderType, Side } from "../../../protocols/index.ts";

export type LiveSide = Side;
export type LiveOrderType = OrderType;

export interface LiveIntent {
  /** Idempotent client id: a second place() with the same id never creates a second order. */
  intentId: string;
  tokenId: string;
  side: LiveSide;
  type: LiveOrderType;
  /** Limit price (worst price for FOK/FAK) in micro-USD. */
  price: number;
  /** Shares in micro-units. For FOK/FAK BUY the client's dollar amount is price × size. */
  size: number;
  /** Unix seconds, GTD only. */
  expiration?: number;
  tickSize?: "0.1" | "0.01" | "0.005" | "0.0025" | "0.001" | "0.0001";
  negRisk?: boolean;
  postOnly?: boolean;
}

export interface LiveAck { type: "ack"; intentId: string; orderId: string; venueStatus: string }
export interface LiveFill {
  type: "fill";
  intentId: string;
  orderId: string;
  fillId: string;
  tokenId: string;
  side: LiveSide;
  price: number;
  size: number;
  /** Venue trade status: MATCHED, MINED, CONFIRMED, RETRYING. Only CONFIRMED is final. */
  tradeStatus: string;
  final: boolean;
  /** Our order took liquidity (the trade's taker order) or rested and was hit (a maker leg). */
  liquidity: "taker" | "maker";
  /** Cumulative filled size of the order after this fill, and whether it is below the order size. */
  filledTotal: number;
  partial: boolean;
}
/** A trade we reported as a fill went FAILED on chain: undo it. */
export interface LiveFillReverted { type: "fill_reverted"; intentId: string; orderId: string; fillId: string; size: number; reason: string }
export interface LiveCancel { type: "cancel"; intentId: string; orderId: string; remaining: number; reason: string }
export interface LiveReject { type: "reject"; intentId: string; reason: string; status?: number }
export type LiveEvent = LiveAck | LiveFill | LiveFillReverted | LiveCancel | LiveReject;

/** Decimal string from the venue ("0.52", "10", "4.999999") to micro-units; tolerant of >6 places. */
export function venueMicro(text: string | number): number {
  const s = String(text).trim();
  const m = /^(-)?(\d+)(?:\.(\d+))?$/.exec(s);
  if (m && (m[3]?.length ?? 0) > 6) return Math.round(Number(s) * 1_000_000);
  return microFromDecimal(s);
}

/** Size this order got in a trade: taker trades carry it in `size`, maker legs in maker_orders. */
export function tradeSizeForOrder(t: Trade, orderId: string): { size: number; price: number } | undefined {
  const id = orderId.toLowerCase();
  if (t.taker_order_id?.toLowerCase() === id) return { size: venueMicro(t.size), price: venueMicro(t.price) };
  const leg = (t.maker_orders ?? []).find((m) => m.order_id?.toLowerCase() === id);
  if (leg) return { size: venueMicro(leg.matched_amount), price: venueMicro(leg.price) };
  return undefined;
}

export function tradesForOrder(trades: readonly Trade[], orderId: string): Trade[] {
  return trades.filter((t) => tradeSizeForOrder(t, orderId) !== undefined);
}

export function openOrderForId(orders: readonly OpenOrder[], orderId: string): OpenOrder | undefined {
  return orders.find((o) => o.id.toLowerCase() === orderId.toLowerCase());
}

export function isAccepted(r: OrderResponse | undefined): r is OrderResponse {
  return !!r && typeof r === "object" && (r.success === true || (!!r.orderID && !r.errorMsg));
}

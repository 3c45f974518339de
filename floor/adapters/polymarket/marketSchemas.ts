import { z } from "zod";
import { Dec, OptDec, TsMs, WireLevel, WireSide, WireTokenId } from "./wireTypes.ts";

/**
 * The CLOB market channel's events (reference §2.1), parsed to micro-units. Optional decimals
 * may be "" and become undefined. Unknown extra fields are allowed (Polymarket adds fields).
 */
export const BookEvent = z.object({
  event_type: z.literal("book"),
  market: z.string().min(1),
  asset_id: WireTokenId,
  timestamp: TsMs,
  hash: z.string().max(200).optional(),
  bids: z.array(WireLevel).max(10_000),
  asks: z.array(WireLevel).max(10_000),
  tick_size: OptDec,
  last_trade_price: OptDec,
});

export const PriceChangeEntry = z.object({
  asset_id: WireTokenId,
  price: Dec,
  size: Dec,
  side: WireSide,
  hash: z.string().max(200).optional(),
  best_bid: OptDec,
  best_ask: OptDec,
});

export const PriceChangeEvent = z.object({
  event_type: z.literal("price_change"),
  market: z.string().min(1),
  timestamp: TsMs,
  price_changes: z.array(PriceChangeEntry).max(10_000),
});

export const TickSizeChangeEvent = z.object({
  event_type: z.literal("tick_size_change"),
  market: z.string().min(1),
  asset_id: WireTokenId,
  old_tick_size: OptDec,
  new_tick_size: Dec,
  timestamp: TsMs,
});

export const LastTradePriceEvent = z.object({
  event_type: z.literal("last_trade_price"),
  market: z.string().min(1),
  asset_id: WireTokenId,
  price: Dec,
  size: Dec,
  side: WireSide,
  fee_rate_bps: OptDec,
  timestamp: TsMs,
  transaction_hash: z.string().max(200).optional(),
});

export const BestBidAskEvent = z.object({
  event_type: z.literal("best_bid_ask"),
  market: z.string().min(1),
  asset_id: WireTokenId,
  best_bid: OptDec,
  best_ask: OptDec,
  spread: OptDec,
  timestamp: TsMs,
});

export const MarketResolvedEvent = z.object({
  event_type: z.literal("market_resolved"),
  market: z.string().min(1),
  assets_ids: z.array(WireTokenId).max(100),
  winning_asset_id: WireTokenId,
  winning_outcome: z.string(),
  timestamp: TsMs,
});

/** The event types the floor uses, by `event_type`. Others (e.g. `new_market`) are ignored and counted. */
export const MARKET_EVENT_SCHEMAS = {
  book: BookEvent,
  price_change: PriceChangeEvent,
  tick_size_change: TickSizeChangeEvent,
  last_trade_price: LastTradePriceEvent,
  best_bid_ask: BestBidAskEvent,
  market_resolved: MarketResolvedEvent,
} as const;

export type BookEvent = z.infer<typeof BookEvent>;
export type PriceChangeEvent = z.infer<typeof PriceChangeEvent>;
export type TickSizeChangeEvent = z.infer<typeof TickSizeChangeEvent>;
export type LastTradePriceEvent = z.infer<typeof LastTradePriceEvent>;
export type BestBidAskEvent = z.infer<typeof BestBidAskEvent>;
export type MarketResolvedEvent = z.infer<typeof MarketResolvedEvent>;
export type MarketChannelEvent = BookEvent | PriceChangeEvent | TickSizeChangeEvent | LastTradePriceEvent | BestBidAskEvent | MarketResolvedEvent;

/** REST `GET /book?token_id=` (reference §1.5). */
export const RestBook = z.object({
  market: z.string().min(1),
  asset_id: WireTokenId,
  timestamp: TsMs,
  hash: z.string().max(200).optional(),
  bids: z.array(WireLevel).max(10_000),
  asks: z.array(WireLevel).max(10_000),
  min_order_size: OptDec,
  tick_size: OptDec,
  neg_risk: z.boolean().optional(),
  last_trade_price: OptDec,
});
export type RestBook = z.infer<typeof RestBook>;

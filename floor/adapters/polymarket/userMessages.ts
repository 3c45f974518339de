import { z } from "zod";
import type { MakerOrder, Side, Trade } from "@polymarket/clob-client-v2";
import { normTradeStatus } from "./normTradeStatus.ts";

/**
 * The CLOB user channel's two event kinds (reference §2.2). Lenient on purpose: amounts stay the
 * venue's decimal strings (the REST `Trade` shape), fields the docs list as newer are optional,
 * and unknown extra fields pass through (Polymarket adds fields without notice).
 */
const Id = z.string().min(1).max(200);
const Text = z.union([z.string().max(200), z.number()]).transform(String);
/** A decimal amount sent as a string (or, leniently, a number). */
const Amount = z.union([z.string().regex(/^\d{1,20}(\.\d{1,20})?$/), z.number().nonnegative()]).transform(String);
const SideText = z.string().transform((s) => s.toUpperCase()).pipe(z.enum(["BUY", "SELL"]));
/** Status words, upper-cased; trade statuses also lose a `TRADE_STATUS_` prefix. */
const Status = z.string().min(1).max(64).transform(normTradeStatus);

export const UserMakerOrder = z
  .object({
    order_id: Id,
    asset_id: Id,
    matched_amount: Amount,
    price: Amount,
    owner: Text.optional(),
    outcome: Text.optional(),
    maker_address: Text.optional(),
    fee_rate_bps: Text.optional(),
    side: SideText.optional(),
  })
  .passthrough();

export const UserTradeEvent = z
  .object({
    event_type: z.literal("trade"),
    type: Text.optional(),
    id: Id,
    taker_order_id: Id,
    market: Id,
    asset_id: Id,
    side: SideText,
    size: Amount,
    price: Amount,
    status: Status,
    fee_rate_bps: Text.optional(),
    match_time: Text.optional(),
    matchtime: Text.optional(), // the older docs' spelling
    last_update: Text.optional(),
    timestamp: Text.optional(),
    outcome: Text.optional(),
    owner: Text.optional(),
    trade_owner: Text.optional(),
    maker_orders: z.array(UserMakerOrder).max(1000).default([]),
    trader_side: z.enum(["TAKER", "MAKER"]).optional(),
    bucket_index: z.number().int().nonnegative().optional(),
    transaction_hash: Text.optional(),
    maker_address: Text.optional(),
    err_msg: z.string().nullable().optional(),
  })
  .passthrough();
export type UserTradeEvent = z.infer<typeof UserTradeEvent>;

export const UserOrderEvent = z
  .object({
    event_type: z.literal("order"),
    id: Id,
    type: z.string().transform((s) => s.toUpperCase()).pipe(z.enum(["PLACEMENT", "UPDATE", "CANCELLATION"])),
    market: Id,
    asset_id: Id,
    side: SideText,
    price: Amount,
    original_size: Amount,
    size_matched: Amount,
    status: Status.optional(), // absent from older payloads
    owner: Text.optional(),
    order_owner: Text.optional(),
    outcome: Text.optional(),
    associate_trades: z.array(z.string()).nullable().optional(),
    created_at: Text.optional(),
    expiration: Text.optional(),
    order_type: Text.optional(),
    maker_address: Text.optional(),
    timestamp: Text.optional(),
  })
  .passthrough();
export type UserOrderEvent = z.infer<typeof UserOrderEvent>;

// The client's Side enum is these same strings; a type-only import keeps clob-client-v2 (0.7 s to load) out of processes that never trade live.
const toSide = (s: "BUY" | "SELL"): Side => s as Side;

/**
 * A user-channel trade in the REST `Trade` shape, so WS and REST trades go through the same code.
 * `ownKey` (our API key) labels `trader_side` when the payload lacks it: MAKER if one of the maker
 * legs is ours. Fills are sized by order id (`tradeSizeForOrder`), so the label is informational.
 */
export function tradeFromUserEvent(e: UserTradeEvent, ownKey?: string): Trade {
  const matchTime = e.match_time ?? e.matchtime ?? e.timestamp ?? "";
  const makerOrders: MakerOrder[] = e.maker_orders.map((m) => ({
    order_id: m.order_id,
    owner: m.owner ?? "",
    maker_address: m.maker_address ?? "",
    matched_amount: m.matched_amount,
    price: m.price,
    fee_rate_bps: m.fee_rate_bps || (e.fee_rate_bps ?? "0"),
    asset_id: m.asset_id,
    outcome: m.outcome ?? "",
    ...(m.side ? { side: toSide(m.side) } : {}),
  }));
  const ours = ownKey !== undefined && makerOrders.some((m) => m.owner === ownKey);
  const trade: Trade = {
    id: e.id,
    taker_order_id: e.taker_order_id,
    market: e.market,
    asset_id: e.asset_id,
    side: toSide(e.side),
    size: e.size,
    fee_rate_bps: e.fee_rate_bps || "0", // "" means none
    price: e.price,
    status: e.status,
    match_time: matchTime,
    last_update: e.last_update ?? e.timestamp ?? matchTime,
    outcome: e.outcome ?? "",
    bucket_index: e.bucket_index ?? 0,
    owner: e.owner ?? e.trade_owner ?? "",
    maker_address: e.maker_address ?? "",
    maker_orders: makerOrders,
    trader_side: e.trader_side ?? (ours ? "MAKER" : "TAKER"),
  };
  if (e.transaction_hash) trade.transaction_hash = e.transaction_hash;
  if (e.err_msg !== undefined) trade.err_msg = e.err_msg;
  return trade;
}

/** One item of a user-channel frame. `error` is a server complaint such as refused credentials. */
export type UserFrameItem =
  | { order: UserOrderEvent }
  | { trade: UserTradeEvent }
  | { error: string }
  | { unknown: string }
  | { malformed: string };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function userItem(raw: unknown): UserFrameItem {
  if (!isRecord(raw)) return { malformed: `not an object: ${raw === null ? "null" : typeof raw}` };
  const kind = raw.event_type;
  if (kind === undefined) {
    const msg = raw.error ?? raw.message;
    return typeof msg === "string" ? { error: msg.slice(0, 200) } : { malformed: "missing event_type" };
  }
  if (kind !== "order" && kind !== "trade") return typeof kind === "string" ? { unknown: kind.slice(0, 64) } : { malformed: "bad event_type" };
  const r = kind === "order" ? UserOrderEvent.safeParse(raw) : UserTradeEvent.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0];
    return { malformed: `${kind}: ${issue?.path.join(".") || "(root)"}: ${issue?.message ?? "invalid"}` };
  }
  return r.data.event_type === "order" ? { order: r.data } : { trade: r.data };
}

/** A raw user-channel text frame (an object, an array of them, or PONG) to items. Never throws. */
export function parseUserFrame(text: string): { pong: true } | { items: UserFrameItem[] } {
  const trimmed = text.trim();
  if (trimmed.toUpperCase() === "PONG") return { pong: true };
  if (trimmed.length > 4_000_000) return { items: [{ malformed: `frame too large (${trimmed.length} chars)` }] };
  let raw: unknown;
  try {
    raw = JSON.parse(trimmed);
  } catch {
    return { items: [{ malformed: "not JSON" }] };
  }
  return { items: Array.isArray(raw) ? raw.map(userItem) : [userItem(raw)] };
}

import { z } from "zod";

/**
 * Frames of Polymarket's live-data socket, PolyBolt (`wss://ws-live-v2.polymarket.com/ws`), as its
 * AsyncAPI contract (https://ws-live-v2.polymarket.com/asyncapi.json, rendered at
 * docs.polymarket.com/api-reference/wss/polybolt) and /api-reference/live-data/overview give them.
 * Only what the floor reads is checked; unknown keys pass.
 */

/** An exact decimal price as published ("64126.00000000"). Not E18 fixed point: that was the legacy RTDS TWAP. */
const Decimal = z.string().regex(/^\d{1,30}(\.\d{1,30})?$/, "a decimal string");
const Ms = z.number().int().positive().max(1e14);

/** One point: a live update's payload, or an item of a snapshot's `data` (which carries no symbol or source). */
export const LiveDataPoint = z.object({
  value: z.number().positive().finite(),
  full_accuracy_value: Decimal,
  timestamp: Ms,
});

/** A live payload: one point. `source` is "pyth" on price.crypto and "chainlink" on price.crypto.twap. */
export const LiveDataUpdate = LiveDataPoint.extend({
  symbol: z.string().min(1).max(32),
  source: z.string().max(32).optional(),
  window_seconds: z.number().int().positive().optional(),
});

/** A snapshot payload: the previous two minutes, oldest first, empty for a quiet symbol. */
export const LiveDataBatch = z.object({
  symbol: z.string().min(1).max(32),
  source: z.string().max(32).optional(),
  window_seconds: z.number().int().positive().optional(),
  data: z.array(LiveDataPoint).max(10_000),
});

/**
 * The data envelope. `seq` is dense per connection and per channel (snapshots included) and resets
 * on reconnect; `dropped` counts frames the server dropped on that channel since the last one it
 * delivered (we fell behind); absent when zero.
 */
export const LiveDataEnvelope = z.object({
  v: z.literal(1),
  channel: z.string().min(1).max(64),
  seq: z.number().int().nonnegative(),
  ts: Ms,
  snapshot: z.boolean().optional(),
  dropped: z.number().int().nonnegative().optional(),
  payload: z.unknown(),
});

/** `authed`, `subscribed`, `unsubscribed`, `pong` (and `challenge`, for the web app's ticket lane). */
export const LiveDataAck = z.object({
  op: z.enum(["authed", "subscribed", "unsubscribed", "pong", "challenge"]),
  channel: z.string().max(64).optional(),
  rid: z.string().max(64).optional(),
});

/**
 * An error ack. Codes (AsyncAPI): bad_op, bad_channel, bad_filter, sub_limit, rate_limited,
 * auth_required, auth_expired, auth_unavailable, auth_invalid, auth_attempts. Kept a string:
 * a code added later is reported as it is, not refused.
 */
export const LiveDataError = z.object({
  op: z.literal("error"),
  code: z.string().min(1).max(64),
  channel: z.string().max(64).optional(),
  rid: z.string().max(64).optional(),
});
export type LiveDataError = z.infer<typeof LiveDataError>;

export const LIVE_DATA_CHANNELS = { spot: "price.crypto", twap: "price.crypto.twap" } as const;

/** Close codes with a meaning on this socket (the overview's "Close Codes and Reconnecting"). */
export const LIVE_DATA_CLOSE = { authFailed: 4001, slowConsumer: 4002, draining: 4003, policy: 4008 } as const;

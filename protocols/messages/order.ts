import { z } from "zod";
import { Envelope } from "../envelope.ts";
import { Micro, PriceMicro } from "../money.ts";
import { Outcome, TokenId } from "./md.ts";

export const Side = z.enum(["BUY", "SELL"]);
export type Side = z.infer<typeof Side>;
/** FAK fills what it can at once and cancels the rest; FOK all or nothing; GTC rests; GTD rests until `expiresAt`. */
export const OrderType = z.enum(["FAK", "FOK", "GTC", "GTD"]);
export type OrderType = z.infer<typeof OrderType>;

/** What a trader wants; `intentId` doubles as the idempotent client order id. */
export const OrderIntent = Envelope.extend({
  intentId: z.string().min(1),
  agentId: z.string().min(1),
  marketId: z.string().min(1),
  tokenId: TokenId,
  outcome: Outcome,
  side: Side,
  type: OrderType,
  price: PriceMicro,
  size: Micro.positive(),
  /** The trader's probability that `outcome` wins, for the boss's edge checks. */
  belief: z.number().min(0).max(1),
  /** Rest only: refused if it would take liquidity (GTC/GTD). */
  postOnly: z.boolean().optional(),
  /** GTD only: floor time (ms) at which the order is cancelled. */
  expiresAt: z.number().int().optional(),
  /** The market-data message the trader was reacting to (its id and floor ts), for the monitor's tick-to-ack latency; absent when no market data triggered it (a fill did). */
  tick: z.object({ id: z.string().min(1).max(200), ts: z.number().int().nonnegative() }).optional(),
});
export type OrderIntent = z.infer<typeof OrderIntent>;

/**
 * trader -> exchange: take back working orders. Not an order, so not the boss's to approve: a
 * cancel only ever reduces what is at risk. Without `intentId`, every working order of the agent
 * (in `marketId` when given) goes.
 */
export const CancelRequest = Envelope.extend({
  agentId: z.string().min(1),
  intentId: z.string().min(1).optional(),
  marketId: z.string().min(1).optional(),
  reason: z.string().min(1),
});
export type CancelRequest = z.infer<typeof CancelRequest>;

const IntentFields = OrderIntent.omit({ v: true, id: true, ts: true, src: true });
export type IntentFields = z.infer<typeof IntentFields>;

export const OrderDecision = Envelope.extend({
  intent: IntentFields,
  approved: z.boolean(),
  /** Why it was rejected or resized. */
  reason: z.string().optional(),
  /** Set when the boss approved a smaller size than the trader asked for: the size asked (`intent.size` is the size approved). */
  requestedSize: Micro.positive().optional(),
});
export type OrderDecision = z.infer<typeof OrderDecision>;

const EventBase = Envelope.extend({ agentId: z.string().min(1), intentId: z.string().min(1) });

export const OrderAck = EventBase.extend({ type: z.literal("ack"), orderId: z.string().min(1) });
export const OrderFill = EventBase.extend({
  type: z.literal("fill"),
  orderId: z.string().min(1),
  fillId: z.string().min(1),
  marketId: z.string().min(1),
  tokenId: TokenId,
  outcome: Outcome,
  side: Side,
  price: PriceMicro,
  /** Gross shares matched. */
  size: Micro.positive(),
  /** Taker fee, in the market schedule's currency: pUSD on both sides, or shares on a buy under the "shares" reading. */
  feeShares: Micro.nonnegative(),
  feeUsd: Micro.nonnegative(),
  /** Signed changes to the agent's cash and shares of `outcome`, as the ledger booked them. */
  cashDelta: Micro,
  sharesDelta: Micro,
  /** Taker fills pay the fee; maker fills (a resting order hit) pay none and accrue a rebate. */
  liquidity: z.enum(["maker", "taker"]).optional(),
  /** Rebate accrued, micro-USD: a maker's share of the taker's fee, or a taker rebate (the venue pays it later; not in cashDelta). */
  rebate: Micro.nonnegative().optional(),
});
export const OrderCancel = EventBase.extend({
  type: z.literal("cancel"),
  orderId: z.string().min(1),
  remaining: Micro.nonnegative(),
  reason: z.string(),
});
export const OrderReject = EventBase.extend({ type: z.literal("reject"), reason: z.string() });
/** A fill the venue reported, then failed on chain (MATCHED, then FAILED): the ledger booked its exact opposite. */
export const OrderReversal = EventBase.extend({
  type: z.literal("reversal"),
  orderId: z.string().min(1),
  /** The fill undone. */
  fillId: z.string().min(1),
  marketId: z.string().min(1),
  outcome: Outcome,
  size: Micro.positive(),
  /** Signed changes the reversal booked (the fill's, negated). */
  cashDelta: Micro,
  sharesDelta: Micro,
  reason: z.string(),
});
export const Settlement = EventBase.extend({
  type: z.literal("settle"),
  marketId: z.string().min(1),
  winner: Outcome,
  /** Shares held of each outcome at resolution, and what they paid. */
  upShares: Micro.nonnegative(),
  downShares: Micro.nonnegative(),
  payout: Micro.nonnegative(),
  /** Payout minus the cost of the settled position (fees included). */
  pnl: Micro,
});
export const OrderEvent = z.discriminatedUnion("type", [OrderAck, OrderFill, OrderCancel, OrderReject, OrderReversal, Settlement]);
export type OrderAck = z.infer<typeof OrderAck>;
export type OrderFill = z.infer<typeof OrderFill>;
export type OrderCancel = z.infer<typeof OrderCancel>;
export type OrderReject = z.infer<typeof OrderReject>;
export type OrderReversal = z.infer<typeof OrderReversal>;
export type Settlement = z.infer<typeof Settlement>;
export type OrderEvent = z.infer<typeof OrderEvent>;

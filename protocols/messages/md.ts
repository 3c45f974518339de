import { z } from "zod";
import { Envelope } from "../envelope.ts";
import { Micro, PriceMicro } from "../money.ts";

/** Polymarket token ids are uint256 decimals (up to 78 digits): always strings, never numbers. */
export const TokenId = z.string().regex(/^\d{1,78}$/, "token id must be a decimal string");
export const Outcome = z.enum(["Up", "Down"]);
export type Outcome = z.infer<typeof Outcome>;

export const SpotTick = Envelope.extend({
  symbol: z.string().min(1),
  price: Micro.positive(),
  /** Base-asset volume traded since the previous tick (a candle's volume), where the source records it. */
  volume: z.number().nonnegative().optional(),
});
export type SpotTick = z.infer<typeof SpotTick>;

export const Level = z.object({ price: PriceMicro, size: Micro.positive() });
export type Level = z.infer<typeof Level>;

/** A full book snapshot of the Up token: bids best first (descending), asks best first (ascending). */
export const BookSnapshot = Envelope.extend({
  marketId: z.string().min(1),
  tokenId: TokenId,
  bids: z.array(Level),
  asks: z.array(Level),
  tickSize: PriceMicro,
  minSize: Micro.nonnegative(),
});
export type BookSnapshot = z.infer<typeof BookSnapshot>;

export const TradePrint = Envelope.extend({
  marketId: z.string().min(1),
  tokenId: TokenId,
  price: PriceMicro,
  size: Micro.positive(),
  side: z.enum(["BUY", "SELL"]),
});
export type TradePrint = z.infer<typeof TradePrint>;

/**
 * What a taker fee is paid in. "usd": pUSD out of cash on both sides (a buy receives every share it
 * bought), as the current venue docs say ("Taker fees are calculated in pUSD… rounded to 5 decimal
 * places", research-2026-12.md §4.4). "shares": a buy's fee is taken from the shares bought and a
 * sell's from the proceeds, as polymarket.md §3.5 reads py-clob-client#247 (before CLOB V2).
 */
export const FeeCurrency = z.enum(["usd", "shares"]);
export type FeeCurrency = z.infer<typeof FeeCurrency>;

/** A market's fee schedule: fee = shares × rate × (p(1−p))^exponent, taker only. */
export const FeeSchedule = z.object({
  rate: z.number().min(0).max(1),
  exponent: z.number().min(0).max(4),
  takerOnly: z.boolean(),
  /** What the fee is paid in; absent means "usd" (see feeCurrency). */
  currency: FeeCurrency.optional(),
  /** Share of taker fees paid back to the makers they traded with (0.2 on crypto markets). */
  rebateRate: z.number().min(0).max(1).optional(),
  /** Share of our own taker fee paid back to us (the Taker Rebate Program, tiered by volume); absent means 0. */
  takerRebateRate: z.number().min(0).max(1).optional(),
});
export type FeeSchedule = z.infer<typeof FeeSchedule>;

/** A schedule's fee currency: the current venue docs' pUSD unless the schedule says otherwise. */
export const feeCurrency = (fee: Pick<FeeSchedule, "currency">): FeeCurrency => fee.currency ?? "usd";

export const MarketOpen = Envelope.extend({
  phase: z.literal("open"),
  marketId: z.string().min(1),
  slug: z.string().min(1),
  symbol: z.string().min(1),
  upTokenId: TokenId,
  downTokenId: TokenId,
  startTs: z.number().int(),
  endTs: z.number().int(),
  strike: Micro.positive(),
  fee: FeeSchedule,
  tickSize: PriceMicro,
  minSize: Micro.nonnegative(),
  /** The venue's condition id (live windows): the user channel subscribes by it. */
  conditionId: z.string().regex(/^0x[0-9a-fA-F]{64}$/).optional(),
});
export const MarketClose = Envelope.extend({
  phase: z.literal("close"),
  marketId: z.string().min(1),
  endPrice: Micro.positive(),
});
export const MarketResolved = Envelope.extend({
  phase: z.literal("resolved"),
  marketId: z.string().min(1),
  outcome: Outcome,
  /** True when the floor derived the outcome (end price ≥ strike resolves Up) rather than being told. */
  derived: z.boolean(),
});
export const MarketEvent = z.discriminatedUnion("phase", [MarketOpen, MarketClose, MarketResolved]);
export type MarketOpen = z.infer<typeof MarketOpen>;
export type MarketClose = z.infer<typeof MarketClose>;
export type MarketResolved = z.infer<typeof MarketResolved>;
export type MarketEvent = z.infer<typeof MarketEvent>;

/**
 * The health of a market-data source, published by feeds on `md.health.<source>`: when data
 * goes stale, jumps implausibly, or has a gap, and when it is ok again. `expectedIntervalMs` is
 * the cadence the source promises (1 s ticks, 60 s candles), so consumers can judge staleness.
 */
export const FeedHealth = Envelope.extend({
  source: z.string().min(1),
  status: z.enum(["ok", "stale", "anomaly", "gap", "reconnecting"]),
  /** What it is about: a market id, a symbol, or the whole source. */
  subject: z.string().min(1),
  expectedIntervalMs: z.number().int().positive(),
  /** Floor time of the last good data point, when there was one. */
  lastDataTs: z.number().int().optional(),
  detail: z.string().optional(),
});
export type FeedHealth = z.infer<typeof FeedHealth>;

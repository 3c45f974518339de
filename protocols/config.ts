import { z } from "zod";

const AgentId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "use letters, digits, '-' or '_' (at most 64)");
const Fraction = z.number().gt(0).lte(1);

/** Parameters of the momentum trader: it extrapolates recent drift to the window's close. */
export const MomentumParams = z
  .object({
    /** Seconds of spot history used to estimate drift and volatility. */
    lookbackSec: z.number().int().min(10).max(3600).default(120),
    /** How much of the recent drift it expects to continue (0 = none, 1 = all). */
    driftWeight: z.number().min(0).max(5).default(1),
    /** Minimum belief minus price to act, after fees. */
    minEdge: z.number().min(0).max(0.5).default(0.04),
    kellyFraction: Fraction.default(0.25),
    /** Trade only between these many seconds after the open and before the close. */
    entryAfterSec: z.number().int().min(0).default(120),
    exitBeforeSec: z.number().int().min(0).default(60),
    /** Never pay more than this for a token. */
    maxPrice: z.number().gt(0).lt(1).default(0.9),
    minPrice: z.number().gt(0).lt(1).default(0.1),
  })
  .strict();
export type MomentumParams = z.infer<typeof MomentumParams>;

export const TraderConfig = z
  .object({
    id: AgentId,
    kind: z.literal("trader"),
    strategy: z.literal("momentum"),
    enabled: z.boolean().default(true),
    params: MomentumParams.prefault({}),
  })
  .strict();
export type TraderConfig = z.infer<typeof TraderConfig>;

/** Every file in config/agents/ is one of these. */
export const AgentConfig = z.discriminatedUnion("kind", [TraderConfig]);
export type AgentConfig = z.infer<typeof AgentConfig>;

export const RiskConfig = z
  .object({
    /** Largest single order, as a fraction of floor capital. */
    perTradeMaxPct: Fraction.default(0.02),
    /** Capital allocated to one agent, as a fraction of floor capital. */
    perAgentMaxPct: Fraction.default(0.1),
    /** Cost of all open positions, as a fraction of floor capital. */
    floorMaxOpenPct: Fraction.default(0.4),
    /** No new orders on market data older than this (or than twice the feed's own cadence, if slower). */
    maxDataAgeSec: z.number().positive().max(3600).default(10),
  })
  .strict();
export type RiskConfig = z.infer<typeof RiskConfig>;

export const SimConfig = z
  .object({
    /** Floor time at which a fresh simulation starts (ISO 8601). */
    start: z.iso.datetime().default("2026-01-01T00:00:00Z"),
    asset: z.string().regex(/^[A-Za-z]{2,10}$/).default("BTC"),
    symbol: z.string().regex(/^[A-Za-z0-9]{2,20}$/).default("BTCUSD"),
    marketMinutes: z.union([z.literal(5), z.literal(15), z.literal(60)]).default(15),
    startPrice: z.number().positive().default(95_000),
    volAnnual: z.number().gt(0).lt(5).default(0.55),
    volOfVol: z.number().min(0).max(1).default(0.03),
    jumpProb: z.number().min(0).max(0.1).default(0.0002),
    jumpSigmas: z.number().min(0).max(100).default(8),
    /** Makers quote around a fair value this many seconds old, plus noise: the edge an informed trader can take. */
    quoteLagSec: z.number().int().min(0).max(120).default(3),
    quoteNoise: z.number().min(0).max(0.2).default(0.01),
    bookLevels: z.number().int().min(1).max(50).default(3),
    halfSpreadTicks: z.number().int().min(1).max(50).default(1),
    minLevelShares: z.number().int().min(1).default(50),
    maxLevelShares: z.number().int().min(1).default(400),
    tickSize: z.number().gt(0).lt(1).default(0.01),
    minOrderShares: z.number().min(0).default(5),
    fee: z
      .object({ rate: z.number().min(0).max(1).default(0.07), exponent: z.number().min(0).max(4).default(1), takerOnly: z.boolean().default(true) })
      .strict()
      .prefault({}),
  })
  .strict();
export type SimConfig = z.infer<typeof SimConfig>;

/** config/floor.yaml. Every field has a default: an absent file runs the embedded defaults. */
export const FloorConfig = z
  .object({
    /** Starting capital of the floor, USD. */
    capital: z.number().positive().max(1e9).default(10_000),
    db: z.string().min(1).default("data/floor.db"),
    dashboard: z.string().regex(/^[^:]+:\d{1,5}$/, "HOST:PORT").default("127.0.0.1:7070"),
    /** Seconds of wall time between status lines while running. */
    statusEverySec: z.number().positive().default(10),
    sim: SimConfig.prefault({}),
    risk: RiskConfig.prefault({}),
  })
  .strict();
export type FloorConfig = z.infer<typeof FloorConfig>;

import { z } from "zod";
import { AlertsConfig } from "./alertsConfig.ts";
import { BusConfig } from "./busConfig.ts";
import { DigestConfig } from "./digestConfig.ts";
import { DashboardSetting, VenueTick, ordered } from "./configChecks.ts";
import { FeeCurrency } from "./messages/md.ts";
import { SelectionConfig } from "./selectionConfig.ts";
import { SupervisionConfig } from "./supervisionConfig.ts";
import { RiskConfig } from "./riskConfig.ts";

export { RiskConfig };

/** An agent's id: it becomes a subject token, so NATS-safe characters only. */
/** Names the floor itself writes under: the floor's own metrics (`metrics.floor`) and the sources of facts no agent publishes. */
const FLOOR_NAMES = new Set(["floor", "bus", "alerts", "dashboard"]);
export const AgentId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, "use letters, digits, '-' or '_' (at most 64)")
  .refine((id) => !FLOOR_NAMES.has(id), { message: `is the floor's own name (${[...FLOOR_NAMES].join(", ")} are taken)` });

/** One simulated underlying and its back-to-back Up/Down windows. Series with the same symbol share one spot walk. */
export const SimSeries = z
  .object({
    asset: z.string().regex(/^[A-Za-z]{2,10}$/),
    symbol: z.string().regex(/^[A-Za-z0-9]{2,20}$/),
    marketMinutes: z.union([z.literal(5), z.literal(15), z.literal(60)]),
    startPrice: z.number().positive(),
    /** Long-run volatility of this symbol's walk; the sim-wide `volAnnual` when absent. */
    volAnnual: z.number().gt(0).lt(5).optional(),
  })
  .strict();
export type SimSeries = z.infer<typeof SimSeries>;

/** One simulated market maker: it quotes `levels` levels a side around its own lagged, noisy fair value. */
export const SimMaker = z
  .object({
    /** Its fair value uses the spot of this many seconds ago... */
    lagSec: z.number().int().min(0).max(120),
    /** ...plus normal noise of this standard deviation (probability units), drawn at each requote. */
    noise: z.number().min(0).max(0.2),
    /** It replaces all its quotes every this many seconds (in between, what is taken stays taken). */
    requoteSec: z.number().int().min(1).max(600),
    levels: z.number().int().min(1).max(20),
    /** Its best bid is at most fair − this many ticks, its best ask at least fair + that; 0 quotes the ticks either side of fair. */
    halfSpreadTicks: z.number().int().min(0).max(50),
    minShares: z.number().int().min(1),
    maxShares: z.number().int().min(1),
  })
  .strict()
  .superRefine(ordered(["minShares", "maxShares"]));
export type SimMaker = z.infer<typeof SimMaker>;

/**
 * Calibrated so the book is as efficient as Polymarket's (docs/SIMULATOR.md, "Efficiency"): two
 * makers on the current spot quote the tightest (a one-cent spread around 0.50, as recorded), two
 * slower ones (1 and 2 s behind) quote wide enough behind them not to be picked off; about $7k
 * per side within 5 cents of the mid.
 */
const DEFAULT_MAKERS: SimMaker[] = [
  { lagSec: 0, noise: 0.002, requoteSec: 1, levels: 2, halfSpreadTicks: 0, minShares: 500, maxShares: 2500 },
  { lagSec: 0, noise: 0.003, requoteSec: 1, levels: 3, halfSpreadTicks: 1, minShares: 1000, maxShares: 3000 },
  { lagSec: 1, noise: 0.004, requoteSec: 1, levels: 4, halfSpreadTicks: 3, minShares: 1000, maxShares: 4000 },
  { lagSec: 2, noise: 0.005, requoteSec: 1, levels: 5, halfSpreadTicks: 6, minShares: 1000, maxShares: 4000 },
];

export const SimConfig = z
  .object({
    /** Floor time at which a fresh simulation starts (ISO 8601). */
    start: z.iso.datetime().default("2026-01-01T00:00:00Z"),
    /** Underlyings and window lengths; market ids are Polymarket slugs (`eth-updown-5m-<start>`). */
    series: z
      .array(SimSeries)
      .min(1)
      .max(20)
      .refine((l) => new Set(l.map((s) => `${s.symbol}/${s.marketMinutes}`)).size === l.length, "each symbol and window length at most once")
      .default([{ asset: "BTC", symbol: "BTCUSD", marketMinutes: 15, startPrice: 95_000 }]),
    /** Spot walk, calibrated to a week of Binance BTCUSDT 1-minute candles (docs/SIMULATOR.md). */
    volAnnual: z.number().gt(0).lt(5).default(0.47),
    volOfVol: z.number().min(0).max(2).default(0.45),
    volHalfLifeMin: z.number().min(0).max(10_080).default(120),
    jumpProb: z.number().min(0).max(0.1).default(0.00012),
    jumpSigmas: z.number().min(0).max(500).default(45),
    /** The sim's makers: who quotes the book, on how stale a spot, how wide and how deep. */
    makers: z.array(SimMaker).min(1).max(20).default(DEFAULT_MAKERS),
    /** Noise traders: market orders at this rate per market, of a size uniform in the range (shares). */
    noiseTradesPerMin: z.number().min(0).max(600).default(2),
    noiseMinShares: z.number().int().min(1).default(5),
    noiseMaxShares: z.number().int().min(1).default(100),
    /** Whales: rare large market orders that sweep up to `whaleMaxTicks` beyond the best price. */
    whaleTradesPerHour: z.number().min(0).max(3600).default(1),
    whaleMinShares: z.number().int().min(1).default(1_000),
    whaleMaxShares: z.number().int().min(1).default(5_000),
    whaleMaxTicks: z.number().int().min(0).max(100).default(5),
    /** The replay feed's single maker (it has no population): levels a side, half spread, shares per level. */
    bookLevels: z.number().int().min(1).max(50).default(3),
    halfSpreadTicks: z.number().int().min(1).max(50).default(1),
    minLevelShares: z.number().int().min(1).default(50),
    maxLevelShares: z.number().int().min(1).default(400),
    tickSize: VenueTick.default(0.01),
    minOrderShares: z.number().min(0).default(5),
    /** The current crypto schedule (Fee Structure V2): 0.07, exponent 1, in pUSD, 20% back to makers; no taker rebate. */
    fee: z
      .object({
        rate: z.number().min(0).max(1).default(0.07),
        exponent: z.number().min(0).max(4).default(1),
        takerOnly: z.boolean().default(true),
        currency: FeeCurrency.default("usd"),
        rebateRate: z.number().min(0).max(1).default(0.2),
        takerRebateRate: z.number().min(0).max(1).default(0),
      })
      .strict()
      .prefault({}),
  })
  .strict()
  .superRefine(ordered(["noiseMinShares", "noiseMaxShares"], ["whaleMinShares", "whaleMaxShares"], ["minLevelShares", "maxLevelShares"]));
export type SimConfig = z.infer<typeof SimConfig>;

/** config/floor.yaml. Every field has a default: an absent file runs the embedded defaults. */
const WsUrl = z.string().regex(/^wss?:\/\/\S+$/, "a ws:// or wss:// URL");
const HttpUrl = z.string().regex(/^https?:\/\/\S+$/, "an http:// or https:// URL");

/** Live market data (paper trading and `floor record`): which windows, and where the venue's endpoints are. */
export const LiveConfig = z
  .object({
    asset: z.string().regex(/^[a-z]{2,10}$/).default("btc"),
    symbol: z.string().regex(/^[A-Za-z0-9]{2,20}$/).default("BTCUSD"),
    marketMinutes: z.union([z.literal(5), z.literal(15)]).default(15),
    gammaUrl: HttpUrl.default("https://gamma-api.polymarket.com"),
    clobWsUrl: WsUrl.default("wss://ws-subscriptions-clob.polymarket.com/ws/market"),
    clobRestUrl: HttpUrl.default("https://clob.polymarket.com"),
    /** PolyBolt, the live-data socket: spot and the settling 60 s TWAP; needs CLOB API credentials (docs/LIVE.md). */
    liveDataUrl: WsUrl.default("wss://ws-live-v2.polymarket.com/ws"),
    /** The old RTDS socket: the spot fallback without credentials, while it lives. */
    rtdsUrl: WsUrl.default("wss://ws-live-data.polymarket.com"),
    /** Binance trade stream used while RTDS is down; none by default. */
    binanceUrl: WsUrl.optional(),
    /** Paper, live and `floor record` stop with exit 1 when no market opened in this many seconds (the feeds' errors say why). */
    noMarketTimeoutSec: z.number().positive().max(86_400).default(300),
    /** The CLOB's user channel (our orders and trades), for live trading. */
    clobUserWsUrl: WsUrl.default("wss://ws-subscriptions-clob.polymarket.com/ws/user"),
    /** The most the floor may have deployed in live trading, USD. No default: live trading needs it set. */
    capitalCapUsd: z.number().positive().max(1e9).optional(),
    /** Polygon mainnet (137) or the Amoy testnet (80002). */
    chainId: z.union([z.literal(137), z.literal(80002)]).default(137),
    /** How orders are signed: 0 a plain wallet (EOA), 1 Polymarket's email/magic proxy, 2 a browser-wallet Safe; 1 and 2 need funderAddress. */
    signatureType: z.union([z.literal(0), z.literal(1), z.literal(2)]).default(0),
    /** The proxy or Safe holding the funds, when signatureType is 1 or 2. */
    funderAddress: z.string().regex(/^0x[0-9a-fA-F]{40}$/, "a 0x address").optional(),
  })
  .strict()
  .superRefine((l, ctx) => {
    if (l.signatureType !== 0 && l.funderAddress === undefined) ctx.addIssue({ code: "custom", path: ["funderAddress"], message: `signatureType ${l.signatureType} needs funderAddress (the proxy or Safe holding the funds)` });
  });
export type LiveConfig = z.infer<typeof LiveConfig>;

export const FloorConfig = z
  .object({
    /** Starting capital of the floor, USD. */
    capital: z.number().positive().max(1e9).default(10_000),
    db: z.string().min(1).default("data/floor.db"),
    dashboard: DashboardSetting.default("127.0.0.1:7070"),
    /** Seconds of wall time between status lines while running. */
    statusEverySec: z.number().positive().default(10),
    sim: SimConfig.prefault({}),
    risk: RiskConfig.prefault({}),
    live: LiveConfig.prefault({}),
    bus: BusConfig.prefault({}),
    /** When the boss judges, kills and clones traders, and how it shares capital among them. */
    selection: SelectionConfig.prefault({}),
    /** How crashed and hung agents are restarted, and when one is given up as failed. */
    supervision: SupervisionConfig.prefault({}),
    /** The daily digest the auditor writes at each UTC midnight of floor time. */
    digests: DigestConfig.prefault({}),
    /** Webhooks told of breakers, violations, crashes and digests (docs/ALERTS.md); none by default. */
    alerts: AlertsConfig.prefault({}),
  })
  .strict();
export type FloorConfig = z.infer<typeof FloorConfig>;

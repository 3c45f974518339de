import { LIVE_DATA_URL } from "../../../floor/adapters/polymarket/index.ts";
import { GAMMA_URL } from "./gamma.ts";
import type { LiveDataCredsResult } from "./liveDataCreds.ts";
import { CLOB_REST_URL, MARKET_WS_URL } from "./MarketSocket.ts";
import { RTDS_URL } from "./SpotSocket.ts";

/** Configuration of the live feed: where the sources are, and its cadences. Every field has a default. */
export interface LiveFeedOptions {
  asset: string;
  minutes: number;
  symbol: string;
  gammaUrl: string;
  clobWsUrl: string;
  clobRestUrl: string;
  /** PolyBolt, the live-data socket: spot (`price.crypto`) and the settling 60 s TWAP (`price.crypto.twap`). */
  liveDataUrl: string;
  /**
   * Its CLOB API credentials, or why there are none (then spot comes from RTDS). Never part of the
   * agent's stored config. Default: none.
   */
  liveDataCreds: LiveDataCredsResult;
  /** The server pings this often (25 s); none for twice that → reconnect. */
  liveDataServerPingMs: number;
  /** PolyBolt not ok for this long → spot from RTDS meanwhile. */
  liveDataFailoverMs: number;
  /** Upper bound of the random wait after a 4003 (server draining) close. */
  liveDataDrainMaxMs: number;
  /** The old RTDS socket: the spot fallback while it lives. */
  rtdsUrl: string;
  /** Binance trade stream used while RTDS is down (e.g. BINANCE_BTC_TRADE_URL); none by default. */
  binanceUrl: string | undefined;
  bookThrottleMs: number;
  bookDepth: number;
  clobPingMs: number;
  clobStaleMs: number;
  rtdsPingMs: number;
  rtdsStaleMs: number;
  backoffMinMs: number;
  backoffMaxMs: number;
  /** Retry discovery of a window Gamma did not have yet this often. */
  rediscoverMs: number;
  resolvePollMs: number;
  resolveGiveUpMs: number;
  closeGraceMs: number;
  /** How far the spot used as strike or end price may be from the window's start or end. */
  spotToleranceMs: number;
  gammaAttempts: number;
  /** The cadence each source promises, for md.health's `expectedIntervalMs`. */
  clobExpectedMs: number;
  rtdsExpectedMs: number;
}

export const LIVE_FEED_DEFAULTS: Omit<LiveFeedOptions, "liveDataCreds"> = {
  asset: "btc",
  minutes: 15,
  symbol: "BTCUSD",
  gammaUrl: GAMMA_URL,
  clobWsUrl: MARKET_WS_URL,
  clobRestUrl: CLOB_REST_URL,
  liveDataUrl: LIVE_DATA_URL,
  liveDataServerPingMs: 25_000,
  liveDataFailoverMs: 15_000,
  liveDataDrainMaxMs: 10_000,
  rtdsUrl: RTDS_URL,
  binanceUrl: undefined,
  bookThrottleMs: 250,
  bookDepth: 20,
  clobPingMs: 10_000,
  clobStaleMs: 30_000,
  rtdsPingMs: 5_000,
  rtdsStaleMs: 15_000,
  backoffMinMs: 500,
  backoffMaxMs: 30_000,
  rediscoverMs: 30_000,
  resolvePollMs: 5_000,
  resolveGiveUpMs: 600_000,
  closeGraceMs: 10_000,
  spotToleranceMs: 2_000,
  gammaAttempts: 4,
  clobExpectedMs: 1_000,
  rtdsExpectedMs: 1_000,
};

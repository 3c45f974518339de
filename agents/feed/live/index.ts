/** The live Polymarket feed: CLOB market channel, RTDS Chainlink spot, Gamma discovery, and the feed agent. */
export { liveFeedAgent } from "./liveFeedAgent.ts";
export type { LiveFeedSpec } from "./liveFeedAgent.ts";
export { LIVE_FEED_DEFAULTS } from "./liveFeedOptions.ts";
export type { LiveFeedOptions } from "./liveFeedOptions.ts";
export { MarketSocket, MARKET_WS_URL, CLOB_REST_URL } from "./MarketSocket.ts";
export type { MarketSocketOptions, MarketSocketCounters } from "./MarketSocket.ts";
export { SpotSocket, RTDS_URL, BINANCE_BTC_TRADE_URL } from "./SpotSocket.ts";
export type { SpotSocketOptions, SpotSocketCounters, SpotSource } from "./SpotSocket.ts";
export { OrderBook } from "./OrderBook.ts";
export type { BookLevel, BookSeed, BookChange, ApplyResult } from "./OrderBook.ts";
export { discoverWindow, discoverCurrentAndNext, GammaError, GAMMA_URL } from "./gamma.ts";
export { parseGammaEvent, parseGammaMarket } from "./parseGammaEvent.ts";
export type { GammaWindow } from "./parseGammaEvent.ts";
export { windowSlug, windowStartMs, currentAndNext, slugStartMs } from "./windowSlug.ts";
export { fetchBook } from "./fetchBook.ts";

// Polymarket's wire: REST and WebSocket clients and the venue's message schemas, shared by the
// live feed and the live exchange. No agent behaviour here; agents import this surface.
export { ReconnectingSocket } from "./ReconnectingSocket.ts";
export type { FrameKind, SocketStatus, ReconnectingSocketOptions } from "./ReconnectingSocket.ts";
export { backoffDelay, retryAfterMs } from "./backoff.ts";
export type { BackoffOptions } from "./backoff.ts";
export { fetchJson, HttpError } from "./fetchJson.ts";
export type { FetchJsonOptions } from "./fetchJson.ts";
export { decimalMicro, optionalDecimalMicro } from "./decimalMicro.ts";
export { Dec, OptDec, TsMs, WireTokenId, WireSide, WireLevel } from "./wireTypes.ts";
export { GammaEvent, GammaMarket } from "./gammaSchemas.ts";
export {
  BookEvent, PriceChangeEntry, PriceChangeEvent, TickSizeChangeEvent, LastTradePriceEvent, BestBidAskEvent, MarketResolvedEvent,
  MARKET_EVENT_SCHEMAS, RestBook,
} from "./marketSchemas.ts";
export type { MarketChannelEvent } from "./marketSchemas.ts";
export { parseMarketFrame } from "./parseMarketFrame.ts";
export type { FrameItem, ParsedFrame } from "./parseMarketFrame.ts";
export { normTradeStatus } from "./normTradeStatus.ts";
export { UserMakerOrder, UserTradeEvent, UserOrderEvent, tradeFromUserEvent, parseUserFrame } from "./userMessages.ts";
export type { UserFrameItem } from "./userMessages.ts";
export { UserSocket, USER_WS_URL } from "./UserSocket.ts";
export type { UserSocketOptions, UserSocketCounters } from "./UserSocket.ts";
export type { CloseVerdict } from "./ReconnectingSocket.ts";
export { LiveDataSocket, LIVE_DATA_URL, TWAP_WINDOW_SECONDS } from "./LiveDataSocket.ts";
export type { LiveDataSocketOptions, LiveDataCounters, LiveDataKind } from "./LiveDataSocket.ts";
export { parseLiveDataFrame } from "./parseLiveDataFrame.ts";
export type { LiveDataFrame, LiveDataPrices, LiveDataPricePoint } from "./parseLiveDataFrame.ts";
export { LiveDataAck, LiveDataBatch, LiveDataEnvelope, LiveDataError, LiveDataPoint, LiveDataUpdate, LIVE_DATA_CHANNELS, LIVE_DATA_CLOSE } from "./liveDataSchemas.ts";
export { liveDataCloseVerdict } from "./liveDataClose.ts";
export { SeqTracker } from "./SeqTracker.ts";

export { EthersV6Signer, ethersSignerFromPrivateKey, type EthersV5StyleSigner } from "./ethersSigner.ts";
export { LiveExecutor, parseRetryAfter, type LiveExecutorOptions, type PlaceResult, type Balances } from "./LiveExecutor.ts";
export { GeoblockedError, VenueError, classifyError, type VenueErrorKind } from "./errors.ts";
export type { LiveIntent, LiveEvent, LiveAck, LiveFill, LiveFillReverted, LiveCancel, LiveReject, LiveSide, LiveOrderType } from "./events.ts";
export { orderV2Hash, exchangeV2Domain, ORDER_V2_TYPES } from "./orderHash.ts";
export { liveExchangeAgent, type LiveExchangeOptions } from "./liveExchangeAgent.ts";

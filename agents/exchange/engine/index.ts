export { MarketEngine, toUp } from "./MarketEngine.ts";
export { EngineAccount } from "./EngineAccount.ts";
export { clobCheck, clobMessages, decimal } from "./clobMessages.ts";
export type { CancelReason, EngineConfig, EngineEvent, EngineOrder, EngineOrderType, FillCause, FillEvent, Print, RestingView, Snapshot, UpBookView } from "./types.ts";

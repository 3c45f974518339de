export { MarketEngine } from "./MarketEngine.ts";
export { toUp } from "./upBook.ts";
export { EngineAccount } from "./EngineAccount.ts";
export { clobCheck, clobMessages, decimal } from "./clobMessages.ts";
export type { EngineState } from "./EngineState.ts";
export type { CancelReason, EngineConfig, EngineEvent, EngineOrder, EngineOrderType, FillCause, FillEvent, Print, RestingView, Snapshot, UpBookView } from "./types.ts";

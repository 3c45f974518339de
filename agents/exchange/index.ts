export { paperExchangeAgent } from "./paperExchangeAgent.ts";
export { exchangeKind } from "./exchangeKind.ts";

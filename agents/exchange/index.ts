export { paperExchangeAgent } from "./paperExchangeAgent.ts";

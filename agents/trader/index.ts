export { traderAgent } from "./traderAgent.ts";

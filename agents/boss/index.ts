export { bossAgent } from "./bossAgent.ts";

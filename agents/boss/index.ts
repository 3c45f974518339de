export { bossAgent } from "./bossAgent.ts";
export { bossKind } from "./bossKind.ts";

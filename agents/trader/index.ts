export { traderAgent } from "./traderAgent.ts";
export { traderKind } from "./traderKind.ts";
export { TraderConfig, strategyOf } from "./traderConfig.ts";
export { STRATEGIES } from "./strategies/index.ts";
export type { StrategyName } from "./strategies/index.ts";

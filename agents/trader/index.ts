export { traderAgent } from "./traderAgent.ts";
export { traderKind, traderKindOf } from "./traderKind.ts";
export { TraderConfig, traderConfigOf, strategyOf } from "./traderConfig.ts";
export { STRATEGIES } from "./strategies/index.ts";
export type { StrategyName } from "./strategies/index.ts";

import { fairValue } from "./fairValue.ts";
import { marketMaker } from "./marketMaker.ts";
import { momentum } from "./momentum.ts";

/** Every strategy a trader can run, one line each: `TraderConfig` is built from this table. */
export const STRATEGIES = [momentum, fairValue, marketMaker] as const;

export type StrategyName = (typeof STRATEGIES)[number]["name"];

import { completeSetArb } from "./completeSetArb.ts";
import { fairValue } from "./fairValue.ts";
import { marketMaker } from "./marketMaker.ts";
import { momentum } from "./momentum.ts";

/** Every strategy a trader can run, one line each: `TraderConfig` is built from this table. */
export const STRATEGIES = [momentum, fairValue, marketMaker, completeSetArb] as const;

export type StrategyName = (typeof STRATEGIES)[number]["name"];

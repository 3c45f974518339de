import { classifier } from "./classifier/classifier.ts";
import { completeSetArb } from "./completeSetArb.ts";
import { fairValue } from "./fairValue.ts";
import { llmAnalyst } from "./llmAnalyst.ts";
import { marketMaker } from "./marketMaker.ts";
import { meanReversion } from "./meanReversion/meanReversion.ts";
import { momentum } from "./momentum.ts";
import { volumeSpike } from "./volumeSpike/volumeSpike.ts";
import { whaleFollow } from "./whaleFollow.ts";

/** Every strategy a trader can run, one line each: `TraderConfig` is built from this table. */
export const STRATEGIES = [
  momentum,
  fairValue,
  meanReversion,
  volumeSpike,
  whaleFollow,
  llmAnalyst,
  classifier,
  marketMaker,
  completeSetArb,
] as const;

export type StrategyName = (typeof STRATEGIES)[number]["name"];

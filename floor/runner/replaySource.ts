import { replayFeedAgent, replaySteps } from "../../agents/feed/index.ts";
import type { ReplayPlan } from "../replay/index.ts";
import type { SimConfig } from "../../protocols/index.ts";
import type { MarketSource } from "./MarketSource.ts";

/** Spot history fed to the floor before the first window opens, so strategies can warm up. */
export const REPLAY_WARMUP_MS = 15 * 60_000;

/** A recorded dataset as the floor's market: one clock step per recorded event, then it ends. */
export function replaySource(plan: ReplayPlan, sim: SimConfig, seed: number): MarketSource {
  const steps = replaySteps(plan, REPLAY_WARMUP_MS);
  return {
    mode: "replay",
    feed: replayFeedAgent("feed", plan, sim, seed),
    start: (resumeAt) => {
      if (resumeAt !== undefined) throw new Error("this database already holds a floor: a replay needs a fresh database (pass another --db)");
      return steps[0] ?? plan.start;
    },
    steps: (from) => steps.filter((t) => t >= from),
  };
}

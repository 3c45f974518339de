import { liveFeedAgent, type LiveFeedOptions } from "../../agents/feed/live/index.ts";
import { everySecond, STEP_MS, type MarketSource } from "./MarketSource.ts";

/**
 * Live market data (Gamma, the CLOB market socket, RTDS) for paper trading: the floor clock
 * follows the wall clock a second at a time (the runner paces it at speed 1), starting now,
 * or at `startAt` for tests against recorded fixtures.
 */
export function liveSource(options: Partial<LiveFeedOptions>, startAt?: number): MarketSource {
  const feed = liveFeedAgent("feed", options);
  return {
    mode: "paper",
    feed,
    start: () => Math.floor((startAt ?? Date.now()) / STEP_MS) * STEP_MS,
    steps: everySecond,
    close: () => feed.stopped(),
  };
}

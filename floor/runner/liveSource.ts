import { liveFeedAgent, type LiveFeedOptions } from "../../agents/feed/live/index.ts";
import type { AgentSpec } from "../host/index.ts";
import { everySecond, STEP_MS, type MarketSource } from "./MarketSource.ts";

/**
 * Live market data (Gamma, the CLOB market socket, RTDS) for paper or live trading: the floor
 * clock follows the wall clock a second at a time (the runner paces it at speed 1), starting now,
 * or at `startAt` for tests against recorded fixtures. Live trading brings its own exchange.
 */
export function liveSource(options: Partial<LiveFeedOptions>, startAt?: number, exchange?: AgentSpec): MarketSource {
  const feed = liveFeedAgent("feed", options);
  return {
    mode: exchange ? "live" : "paper",
    feed,
    ...(exchange ? { exchange } : {}),
    start: () => Math.floor((startAt ?? Date.now()) / STEP_MS) * STEP_MS,
    steps: everySecond,
    close: () => feed.stopped(),
  };
}

import type { LiveConfig, SimConfig } from "../protocols/index.ts";
import { DEFAULT_REPLAY, everySecond, STEP_MS, type AgentSpec, type MarketSource, type ReplayOptions } from "../floor/host/index.ts";
import { paperExchangeAgent } from "./exchange/index.ts";
import { replayFeedAgent, replaySteps, simFeedAgent } from "./feed/index.ts";
import { liveDataCredsFromEnv, liveFeedAgent, type LiveFeedOptions } from "./feed/live/index.ts";
import type { ReplayPlan } from "../floor/replay/index.ts";

/** Spot history fed to the floor before the first window opens, so strategies can warm up. */
export const REPLAY_WARMUP_MS = 15 * 60_000;

/** The simulator: one step a second, forever (until `--until` or a stop). */
export function simSource(sim: SimConfig, seed: number): MarketSource {
  return {
    mode: "sim",
    feed: simFeedAgent("feed", seed, sim),
    start: (resumeAt) => (resumeAt === undefined ? Date.parse(sim.start) : resumeAt + STEP_MS),
    steps: everySecond,
  };
}

/**
 * A recorded dataset as the floor's market: one clock step per recorded event, then it ends. Its
 * exchange fills an order only against a price recorded after the order reached it (docs/DATA.md).
 */
export function replaySource(plan: ReplayPlan, sim: SimConfig, seed: number, opts: ReplayOptions = DEFAULT_REPLAY): MarketSource {
  const steps = replaySteps(plan, REPLAY_WARMUP_MS);
  return {
    mode: "replay",
    feed: replayFeedAgent("feed", plan, sim, seed, { syntheticBook: opts.syntheticBook }),
    exchange: paperExchangeAgent("exchange", { latencyMs: opts.latencyMs, freshQuotes: true }),
    start: (resumeAt) => {
      if (resumeAt !== undefined) throw new Error("this database already holds a floor: a replay needs a fresh database (pass another --db)");
      return steps[0] ?? plan.start;
    },
    steps: (from) => steps.filter((t) => t >= from),
  };
}

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

/**
 * The live feed's options from `live:` in floor.yaml, and the live-data socket's CLOB API
 * credentials from the environment (CLOB_API_KEY, CLOB_SECRET, CLOB_PASS_PHRASE; see docs/LIVE.md).
 */
export function liveOptions(c: LiveConfig, env: Readonly<Record<string, string | undefined>> = process.env): Partial<LiveFeedOptions> {
  return {
    asset: c.asset, symbol: c.symbol, minutes: c.marketMinutes,
    gammaUrl: c.gammaUrl, clobWsUrl: c.clobWsUrl, clobRestUrl: c.clobRestUrl, rtdsUrl: c.rtdsUrl,
    liveDataUrl: c.liveDataUrl, liveDataCreds: liveDataCredsFromEnv(env),
    ...(c.binanceUrl ? { binanceUrl: c.binanceUrl } : {}),
  };
}

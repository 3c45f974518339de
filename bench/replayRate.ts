import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadDataset, planReplay } from "../floor/replay/index.ts";
import { LocalBus } from "../floor/bus/index.ts";
import { loadFloorConfig } from "../floor/config/index.ts";
import type { Logger } from "../floor/log/createLogger.ts";
import { replaySource } from "../agents/sources.ts";
import { runFloor } from "../floor/runner/index.ts";
import { CountingBus } from "./CountingBus.ts";
import { secondsSince, sig } from "./stats.ts";

/** The recorded December 2025 week beside the repository (../shared/data), never copied into it. */
export const DECEMBER_WEEK = process.env.POLYFLOOR_SHARED_DATA
  ? join(process.env.POLYFLOOR_SHARED_DATA, "btc15m-2025-12-12_to_12-19")
  : fileURLToPath(new URL("../../shared/data/btc15m-2025-12-12_to_12-19", import.meta.url));

export type ReplayRate =
  | { dataset: string; markets: number; steps: number; loadSeconds: number; wallSeconds: number; stepsPerSec: number; marketEventsPerSec: number; marketEvents: number; orders: number; fills: number; marketsSettled: number }
  | { dataset: string; marketEventsPerSec: null; reason: string };

/**
 * The floor replaying the December week as fast as it can (`floor backtest`'s path: replay feed,
 * the configured traders, in-process bus, a fresh SQLite file). Loading and planning the data is
 * timed apart from the run; market events are md.spot/md.book/md.market publishes.
 */
export async function replayRate(log: Logger, seed: number): Promise<ReplayRate> {
  if (!existsSync(DECEMBER_WEEK)) return { dataset: DECEMBER_WEEK, marketEventsPerSec: null, reason: "recorded data not found" };
  const t0 = process.hrtime.bigint();
  const plan = planReplay(loadDataset(DECEMBER_WEEK));
  const loadSeconds = secondsSince(t0);
  const config = loadFloorConfig(undefined);
  config.floor.digests.dir = "off"; // as `floor backtest`: a replayed day writes no digest
  const dir = await mkdtemp(join(tmpdir(), "polyfloor-bench-replay-"));
  const bus = new CountingBus(new LocalBus());
  try {
    const t1 = process.hrtime.bigint();
    const s = await runFloor({ config, bus, dbPath: join(dir, "replay.db"), seed, speed: "max", log, source: replaySource(plan, config.floor.sim, seed) });
    const wall = secondsSince(t1);
    return {
      // Clock steps a second compare across fill rules; market events do not (the replay publishes a book only when one is recorded).
      dataset: DECEMBER_WEEK, markets: plan.markets.length, steps: s.steps, loadSeconds: sig(loadSeconds, 3), wallSeconds: sig(wall, 3), stepsPerSec: sig(s.steps / wall),
      marketEventsPerSec: sig(bus.marketData / wall), marketEvents: bus.marketData, orders: s.orders, fills: s.fills, marketsSettled: s.marketsSettled,
    };
  } finally {
    await bus.close();
    await rm(dir, { recursive: true, force: true });
  }
}

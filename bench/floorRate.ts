import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LocalBus, type Bus } from "../floor/bus/index.ts";
import { loadFloorConfig, type LoadedConfig } from "../floor/config/index.ts";
import type { Logger } from "../floor/log/createLogger.ts";
import { runFloor } from "../floor/runner/index.ts";
import { agentFileSchema } from "../floor/config/index.ts";
import { CountingBus } from "./CountingBus.ts";
import { TickProbe, type TickToDecision } from "./TickProbe.ts";
import { closeAndDropStream, tryNatsBus, uniquePrefix } from "./natsSupport.ts";
import { secondsSince, sig } from "./stats.ts";

export type BusKind = "local" | "nats";

export interface FloorRunOptions {
  /** `n` momentum traders (benchConfig), or "default": the agents `loadFloorConfig(undefined)` loads, whatever kinds they are. */
  traders: number | "default";
  bus: BusKind;
  /** Floor time to simulate, ms. */
  untilMs: number;
  seed: number;
  log: Logger;
  natsUrl: string;
}

export interface FloorRunResult {
  traders: number;
  /** Present on the default roster's run: its agents by kind, as loaded. */
  roster?: { source: string; agents: number; byKind: Record<string, number> };
  bus: BusKind;
  floorHours: number;
  wallSeconds: number;
  /** md.spot + md.book + md.market messages the feed published, per wall second. */
  marketEventsPerSec: number;
  floorSecondsPerWallSecond: number;
  /** Every publish on the bus (all agents, all subjects), per wall second. */
  busPublishesPerSec: number;
  /** Every handler invocation (one publish reaches several subscribers), per wall second. */
  deliveriesPerSec: number;
  marketEvents: number;
  busPublishes: number;
  deliveries: number;
  steps: number;
  orders: number;
  fills: number;
  marketsSettled: number;
  auditEntries: number;
  /** NATS only: own deliveries written off as lost (should be 0). */
  lost?: number;
  /** Wall-clock µs from a book's publish to the boss's decision on an intent it led to (bench/TickProbe.ts). */
  tickToDecision: TickToDecision;
}

export interface FloorRunSkipped {
  traders: number | "default";
  bus: BusKind;
  marketEventsPerSec: null;
  reason: string;
}

/**
 * The loaded floor config (config/floor.yaml or the embedded defaults) with its agents replaced
 * by `n` momentum traders `momentum-1..n`; each looks back 10 s longer than the one before, so
 * they do not all act identically.
 */
export function benchConfig(n: number): LoadedConfig {
  const base = loadFloorConfig(undefined);
  const agents = Array.from({ length: n }, (_, i) =>
    agentFileSchema().parse(({ id: `momentum-${i + 1}`, kind: "trader", strategy: "momentum", params: { lookbackSec: 120 + 10 * i } })),
  );
  return { ...base, agents };
}

/**
 * One end-to-end sim run at `speed: "max"` on a fresh SQLite file: feed → traders → boss →
 * exchange → auditor → monitor, stepped one floor second at a time with `idle()` between steps.
 * Wall time covers `runFloor` only (opening the state file, starting agents, every step, stopping),
 * not connecting the bus or cleaning up.
 */
export async function floorRun(o: FloorRunOptions): Promise<FloorRunResult | FloorRunSkipped> {
  const dir = await mkdtemp(join(tmpdir(), "polyfloor-bench-"));
  let inner: Bus;
  let lost: () => number | undefined = () => undefined;
  let cleanup: () => Promise<void>;
  if (o.bus === "local") {
    const local = new LocalBus();
    inner = local;
    cleanup = () => local.close(); // runFloor does not close the bus it is given
  } else {
    const got = await tryNatsBus(o.natsUrl, uniquePrefix("floor"));
    if ("reason" in got) {
      await rm(dir, { recursive: true, force: true });
      return { traders: o.traders, bus: o.bus, marketEventsPerSec: null, reason: got.reason };
    }
    const nats = got.bus;
    inner = nats;
    lost = () => nats.lostCount;
    cleanup = () => closeAndDropStream(o.natsUrl, nats);
  }
  const probe = new TickProbe();
  const bus = new CountingBus(inner, (subject, data) => probe.published(subject, data));
  const listening = probe.listen(bus);
  try {
    const config = o.traders === "default" ? loadFloorConfig(undefined) : benchConfig(o.traders);
    config.floor.digests.dir = join(dir, "digests"); // a run that crosses midnight pays for its digest, written beside its db
    const t0 = process.hrtime.bigint();
    const status = await runFloor({ config, bus, dbPath: join(dir, "floor.db"), seed: o.seed, speed: "max", untilMs: o.untilMs, log: o.log });
    const wall = secondsSince(t0);
    const lostCount = lost();
    const floorSec = o.untilMs / 1000;
    const byKind: Record<string, number> = {};
    for (const a of config.agents) byKind[a.kind] = (byKind[a.kind] ?? 0) + 1;
    return {
      traders: byKind.trader ?? 0,
      ...(o.traders === "default" ? { roster: { source: config.source, agents: config.agents.length, byKind } } : {}),
      bus: o.bus,
      floorHours: sig(floorSec / 3600),
      wallSeconds: sig(wall, 3),
      marketEventsPerSec: sig(bus.marketData / wall),
      floorSecondsPerWallSecond: sig(floorSec / wall),
      busPublishesPerSec: sig(bus.published / wall),
      deliveriesPerSec: sig(bus.deliveries / wall),
      marketEvents: bus.marketData,
      busPublishes: bus.published,
      deliveries: bus.deliveries,
      steps: status.steps,
      orders: status.orders,
      fills: status.fills,
      marketsSettled: status.marketsSettled,
      auditEntries: status.auditEntries,
      ...(lostCount === undefined ? {} : { lost: lostCount }),
      tickToDecision: probe.result(),
    };
  } finally {
    listening.unsubscribe();
    await cleanup();
    await rm(dir, { recursive: true, force: true });
  }
}

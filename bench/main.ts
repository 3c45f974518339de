/**
 * `npm run bench`: raw ceilings (bus, actor) and the end-to-end floor rate, measured in one run.
 * Prints exactly one JSON document on stdout; progress goes to stderr. See docs/BENCHMARKS.md.
 */
import { createLogger } from "../floor/log/createLogger.ts";
import { xstateActorCeiling } from "./actorCeiling.ts";
import { FLOW, localBusBurst, localBusCeiling, natsBusCeiling, PAYLOAD } from "./busCeiling.ts";
import { bossReviewCost } from "./bossReviewCost.ts";
import { engineRate } from "./engineRate.ts";
import { benchConfig, floorRun, type BusKind, type FloorRunResult, type FloorRunSkipped } from "./floorRate.ts";
import { floorScale } from "./floorScale.ts";
import { loadAvg1m, machineInfo } from "./machineInfo.ts";
import { natsUrl } from "./natsSupport.ts";
import { liveRate } from "./liveRate.ts";
import { replayRate } from "./replayRate.ts";
import { spawnRetire, type SpawnRetireResult, type SpawnRetireSkipped } from "./spawnRetire.ts";
import { splitRate } from "./splitRate.ts";
import { killRecovery } from "./killRecovery.ts";
import { progress, secondsSince, sig, type CeilingResult } from "./stats.ts";

const SEED = 42;
const HOUR_MS = 3_600_000;

/**
 * Floor time per run, by trader count: each run takes a few seconds on the reference machine
 * (2-core EPYC: about 2–5 s on the local bus, 10–11 s on NATS). The same hours on both buses, so
 * their runs get the same market data (same seed) and their counts are comparable. 200 traders
 * run on the local bus only: on NATS every book would cross the socket 200 times (tens of seconds).
 */
const FLOOR_HOURS: ReadonlyArray<{ traders: number; hours: number; buses: readonly BusKind[] }> = [
  { traders: 1, hours: 12, buses: ["local", "nats"] },
  { traders: 20, hours: 3, buses: ["local", "nats"] },
  { traders: 200, hours: 1, buses: ["local"] },
];
const BUSES: readonly BusKind[] = ["local", "nats"];
/** The default roster (config/agents/, or the embedded default): whatever agents it holds, on the local bus. */
const DEFAULT_ROSTER_HOURS = 3;
/** The same roster split into one process per role over NATS (bench/splitRate.ts): every step is a round trip to five processes. */
const SPLIT_HOURS = 0.5;

function ceiling(key: string, r: CeilingResult): Record<string, unknown> {
  return { [key]: r.median, runs: r.runs, iterations: r.iterations, runSeconds: r.runSeconds };
}

export async function main(): Promise<number> {
  const started = process.hrtime.bigint();
  // stdout carries the JSON document only: anything else that logs goes to stderr.
  console.log = (...args: unknown[]) => console.error(...args);
  const url = natsUrl();

  const machine = await machineInfo();

  progress("xstate actor ceiling…");
  const actor = await xstateActorCeiling();
  progress(`  ${actor.median} events/s`);
  progress("local bus ceiling…");
  const local = await localBusCeiling();
  progress(`  ${local.median} msgs/s`);
  const burst = await localBusBurst();
  progress(`  burst of ${burst.messages}: ${burst.msgsPerSec} msgs/s`);
  progress(`NATS bus ceiling (${url})…`);
  const nats = await natsBusCeiling(url);
  progress(nats.median === null ? `  skipped: ${nats.reason}` : `  ${nats.median} msgs/s`);
  const natsProblem = nats.median === null ? nats.reason : undefined;

  const log = createLogger({ level: "silent" });
  progress("floor warm-up (local, 20 traders, 30 min)…");
  const warmup = await floorRun({ traders: 20, bus: "local", untilMs: HOUR_MS / 2, seed: SEED, log, natsUrl: url });
  const runs: Array<FloorRunResult | FloorRunSkipped> = [];
  for (const bus of BUSES) {
    for (const { traders, hours, buses } of FLOOR_HOURS) {
      if (!buses.includes(bus)) continue;
      if (bus === "nats" && natsProblem !== undefined) {
        runs.push({ traders, bus, marketEventsPerSec: null, reason: natsProblem });
        continue;
      }
      progress(`floor: ${traders} trader(s) on ${bus}, ${hours} h of floor time…`);
      const r = await floorRun({ traders, bus, untilMs: hours * HOUR_MS, seed: SEED, log, natsUrl: url });
      progress(r.marketEventsPerSec === null ? `  skipped: ${r.reason}` : `  ${r.wallSeconds} s wall, ${r.marketEventsPerSec} market events/s, ${r.floorSecondsPerWallSecond}× real time; tick to decision p50 ${r.tickToDecision.p50Micros} µs, p99 ${r.tickToDecision.p99Micros} µs (${r.tickToDecision.decisions} decisions)`);
      runs.push(r);
    }
  }

  const scale = BUSES.map((bus) => floorScale(bus, runs)).filter((x) => x !== null);
  for (const sc of scale) progress(`  ${sc.bus}: µs per trader per market event ${JSON.stringify(sc.costMicrosPerTraderPerMarketEvent)} (the 1-trader floor: ${sc.oneTraderFloorMicrosPerMarketEvent} µs per market event in all), 200/20 rate ${sc.rate200Over20}`);
  progress(`floor: the default roster on local, ${DEFAULT_ROSTER_HOURS} h of floor time…`);
  const roster = await floorRun({ traders: "default", bus: "local", untilMs: DEFAULT_ROSTER_HOURS * HOUR_MS, seed: SEED, log, natsUrl: url });
  progress(roster.marketEventsPerSec === null ? `  skipped: ${roster.reason}` : `  ${roster.wallSeconds} s wall, ${roster.marketEventsPerSec} market events/s (${JSON.stringify(roster.roster?.byKind)})`);

  progress(`floor split into six role processes over NATS (shipped roster, ${SPLIT_HOURS} h of floor time)…`);
  const split = natsProblem !== undefined ? { marketEventsPerSec: null, reason: natsProblem } : await splitRate(url, SPLIT_HOURS, SEED);
  const ofCeiling = (x: number) => (nats.median ? sig(x / nats.median, 3) : null);
  const splitDoc = split.marketEventsPerSec === null ? split : { ...split, marketEventsShareOfNatsCeiling: ofCeiling(split.marketEventsPerSec), busMessagesShareOfNatsCeiling: ofCeiling(split.busMessagesPerSec) };
  progress(split.marketEventsPerSec === null ? `  skipped: ${split.reason}` : `  ${split.wallSeconds} s wall, ${split.marketEventsPerSec} market events/s, ${split.busMessagesPerSec} bus messages/s (${JSON.stringify(splitDoc)})`);

  progress("kill to trading again: the split floor under chaos (4 role SIGKILLs, 1 nats-server restart, 30 min of floor time)…");
  const recovery = await killRecovery({ kills: 4, natsRestarts: 1, until: "30m", untilMs: 30 * 60_000, seed: SEED }).catch((e: Error) => ({ ok: false, reason: e.message }));
  progress(`  ${JSON.stringify(recovery)}`);

  const spawnRetires: Array<SpawnRetireResult | SpawnRetireSkipped> = [];
  for (const bus of BUSES) {
    if (bus === "nats" && natsProblem !== undefined) {
      spawnRetires.push({ bus, spawn: null, reason: natsProblem });
      continue;
    }
    progress(`spawn and retire 100 agents on a running floor (${bus})…`);
    const r = await spawnRetire({ bus, seed: SEED, log, natsUrl: url });
    progress(
      r.spawn === null
        ? `  skipped: ${r.reason}`
        : `  spawn p50 ${r.spawn.medianMs} ms p90 ${r.spawn.p90Ms} ms, retire p50 ${r.retire.medianMs} ms p90 ${r.retire.p90Ms} ms; steps/s ${r.stepsPerSec.before} before, ${r.stepsPerSec.withAgents} with them, ${r.stepsPerSec.after} after`,
    );
    spawnRetires.push(r);
  }

  progress("replay of the December 2025 week (local)…");
  const replay = await replayRate(log, SEED);
  progress(replay.marketEventsPerSec === null ? `  skipped: ${replay.reason}` : `  ${replay.wallSeconds} s wall, ${replay.marketEventsPerSec} market events/s`);

  progress("matching engine (seeded random flow)…");
  const engine = await engineRate(SEED);
  progress(`  ${engine.ordersPerSec} orders/s`);

  progress("one boss review of 200 traders…");
  const review = await bossReviewCost(log);
  const run200 = runs.find((r): r is FloorRunResult => r.bus === "local" && r.traders === 200 && r.marketEventsPerSec !== null);
  // The review runs once per floor hour: its cost against that hour's wall time with 200 traders (same run).
  const reviewShare = run200 ? sig(review.medianMs / 1000 / (run200.wallSeconds / run200.floorHours), 3) : null;
  progress(`  ${review.medianMs} ms (${review.perAgentMicros} µs per trader), ${reviewShare} of a 200-trader floor hour`);

  progress("live executor against the local CLOB…");
  const live = await liveRate();
  progress(`  ${live.ordersPerSec} orders/s, round trip p50 ${live.roundTripMs.p50} ms, signing p50 ${live.signMs.p50} ms`);

  const doc = {
    machine,
    ceilings: {
      payloadBytes: Buffer.byteLength(PAYLOAD),
      flow: FLOW,
      localBus: ceiling("pubSubMsgsPerSec", local),
      localBusBurst: burst,
      natsBus:
        nats.median === null
          ? { pubSubMsgsPerSec: null, url, reason: nats.reason }
          : { ...ceiling("pubSubMsgsPerSec", nats), url, lost: nats.lost },
      xstateActor: ceiling("eventsPerSec", actor),
    },
    floor: {
      seed: SEED,
      config: benchConfig(1).source,
      speed: "max",
      // Not a measurement: gets the agents, zod schemas and SQLite statements compiled before the timed runs.
      warmup: { traders: 20, bus: "local", floorHours: 0.5, wallSeconds: "wallSeconds" in warmup ? warmup.wallSeconds : null },
      runs,
      /** Marginal cost per trader per market event, and 200 against 20 traders (bench/floorScale.ts). */
      scale,
      /** The roster `floor start` runs by default, on the local bus. */
      defaultRoster: roster,
    },
    /** The shipped roster in six role processes over NATS, its rates as shares of the raw NATS pub/sub ceiling above (bench/splitRate.ts). */
    split: splitDoc,
    /** Wall ms from a role's SIGKILL (and a nats-server's) to the floor stepping and trading again, from a chaos run (bench/killRecovery.ts, floor/chaos). */
    recovery,
    /** 100 momentum traders spawned then retired, one command at a time, on a running 1-trader floor (bench/spawnRetire.ts). */
    spawnRetire: spawnRetires,
    replay,
    /** One review (judge, kill, clone, reallocate) of 200 traders with 500 settled windows each (bench/bossReviewCost.ts), and its share of a 200-trader floor hour's wall time. */
    bossReview: { ...review, shareOfFloorHour200: reviewShare },
    engine,
    live,
    benchSeconds: sig(secondsSince(started), 3),
    /** The bench itself keeps about one core busy, so up to ~1 is its own load; more means contention. */
    loadAvg1mAtEnd: loadAvg1m(),
  };
  process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
  return 0;
}

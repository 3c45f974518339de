import { parseOptions } from "../parseOptions.ts";
import { loadFloorConfig } from "../../config/index.ts";
import { createLogger } from "../../log/createLogger.ts";
import { alertTargets } from "../../alerts/index.ts";
import { catalog } from "../../host/index.ts";
import { roles, runFloor, StopBudget, type LiveStatus } from "../../runner/index.ts";
import { closeBus } from "../closeBus.ts";
import { connectBus } from "../connectBus.ts";
import { serverPlans, startServers, type FloorServers } from "../floorServers.ts";
import { statusLine } from "../formatStatus.ts";
import { liveGuards } from "../liveGuards.ts";
import { lockFloor } from "../lockFloor.ts";
import { stopSignals } from "../stopSignals.ts";
import { watchBus } from "../watchBus.ts";
import { parseDuration } from "../parseDuration.ts";
import { checkWritableDb, onFile } from "../paths/index.ts";
import { simResumePlan } from "../simResumePlan.ts";
import { UsageError } from "../UsageError.ts";
import type { Io } from "../Io.ts";

const OPTIONS = {
  mode: { type: "string", default: "sim" },
  config: { type: "string" },
  bus: { type: "string" },
  db: { type: "string" },
  speed: { type: "string", default: "1" },
  until: { type: "string" },
  seed: { type: "string" },
  dashboard: { type: "string" },
  inspect: { type: "boolean", default: false },
  live: { type: "boolean", default: false },
  role: { type: "string" },
} as const;

function parseSpeed(text: string): number | "max" {
  if (text === "max") return "max";
  const n = Number(text);
  if (!(n > 0) || !Number.isFinite(n)) throw new UsageError(`invalid --speed ${JSON.stringify(text)}: a positive number or "max"`);
  return n;
}

/** A role's own file beside the floor's: `data/floor.db` → `data/floor.exchange.db`. */
export function roleDbPath(floorDb: string, role: string): string {
  const dot = floorDb.lastIndexOf(".");
  const slash = Math.max(floorDb.lastIndexOf("/"), floorDb.lastIndexOf("\\"));
  return dot > slash + 1 ? `${floorDb.slice(0, dot)}.${role}${floorDb.slice(dot)}` : `${floorDb}.${role}`;
}

/** Run `fn` under `lock`, releasing it if `fn` throws. */
function held<T>(lock: { release(): void }, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    lock.release();
    throw e;
  }
}

/** `floor start`: run the floor until Ctrl-C (or `--until` floor time), printing a status line every 10 s. */
export async function start(argv: string[], io: Io): Promise<number> {
  const { values: v } = parseOptions({ args: argv, options: OPTIONS, strict: true, allowPositionals: false });
  if (v.mode !== "sim" && v.mode !== "paper" && v.mode !== "live") throw new UsageError(`invalid --mode ${JSON.stringify(v.mode)}: sim, paper or live`);
  if (v.mode === "paper" && v.speed !== "1") throw new UsageError("--speed is for sim: paper trading runs in real time");
  if (v.role !== undefined && !roles().includes(v.role)) throw new UsageError(`invalid --role ${JSON.stringify(v.role)}: ${roles().join(", ")}`);
  // One part of the floor in this process; the others run elsewhere, over NATS (DESIGN "State").
  const role = v.role === undefined || v.role === "all" ? undefined : v.role;
  const seedArg = v.seed === undefined ? undefined : Number(v.seed);
  if (seedArg !== undefined && (!Number.isSafeInteger(seedArg) || seedArg < 0)) throw new UsageError(`invalid --seed ${JSON.stringify(v.seed)}: a non-negative integer`);
  const speed = parseSpeed(v.speed);
  const untilMs = v.until === undefined ? undefined : parseDuration(v.until);
  const config = loadFloorConfig(v.config);
  alertTargets(config.floor.alerts, io.env, config.source); // a webhook whose URL variable is not set: exit 2 here, before anything starts
  const { capitalCapUsd } = liveGuards({ mode: v.mode, live: v.live }, io.env, config);
  if (v.mode === "live" && v.speed !== "1") throw new UsageError("--speed is for sim: live trading runs in real time");
  // Live trading deploys at most the cap, whatever the configured capital.
  if (v.mode === "live") config.floor = { ...config.floor, capital: Math.min(config.floor.capital, capitalCapUsd) };
  const dbPath = v.db ?? (role ? roleDbPath(config.floor.db, role) : config.floor.db);
  checkWritableDb(dbPath);
  // A role's process serves a dashboard only when asked: six processes cannot share the configured port.
  const dashboardAt = v.dashboard ?? (role ? "off" : config.floor.dashboard);
  const plans = serverPlans(dashboardAt, v.inspect, io.env);
  const lock = lockFloor(dbPath, io); // one writer per ledger: a second floor is refused here (exit 2), before it reads the db
  // A simulation resumes with its own seed, and --until counts from its beginning.
  const plan = held(lock, () => simResumePlan({ mode: v.mode, dbPath, seed: seedArg, until: v.until, untilMs, simStart: Date.parse(config.floor.sim.start) }));
  const seed = plan.seed;
  if (plan.done) {
    lock.release();
    io.out(plan.done);
    return 0;
  }
  const bus = await connectBus(v.bus, v.mode, io, config).catch((e: unknown) => {
    lock.release();
    throw e;
  });
  if (role && bus.kind !== "nats") {
    await bus.close();
    lock.release();
    throw new UsageError(`--role ${role} runs one part of the floor and needs the others on a NATS bus: pass --bus nats://HOST:PORT (or set NATS_URL or bus.url)`);
  }
  // After the bus: a refused bus leaves nothing behind (the logger's stream hooks process exit).
  const log = createLogger({ level: io.env.LOG_LEVEL ?? "warn" });
  // From a signal on, the stop has STOP_DEADLINE_MS: its waits on the bus give up in time for the ledger's commit, a watchdog exits 1 at the deadline.
  const budget = new StopBudget();
  const stop = stopSignals(io, "the floor (checkpointing agents)", budget);
  const busWatch = watchBus(bus, io.err);
  let servers: FloorServers | undefined;
  let busClosed = false;
  let serversClosed = false;
  const closeServers = async () => {
    if (serversClosed) return;
    serversClosed = true;
    const closing = budget.stage("closing the dashboard and the inspector");
    await servers?.close();
    closing();
  };
  try {
    // Bound before the floor runs: a dashboard that cannot start stops it here (exit 1).
    servers = await startServers(plans, bus, config.floor.digests.dir);
    io.out(`polyfloor: ${role ? `the ${role} role of a ` : ""}${v.mode} floor, seed ${seed}, speed ${speed === "max" ? "max" : `${speed}x`}${untilMs ? `, until ${v.until} of floor time ${plan.untilFrom}` : ""}`);
    if (plan.resuming) io.out(plan.resuming);
    const live = config.floor.live;
    if (v.mode === "paper") io.out(`  market     live: ${live.asset} ${live.marketMinutes}m windows from ${live.gammaUrl}; fills from the floor's matching engine, no money`);
    if (v.mode === "live") io.out(`  market     LIVE: ${live.asset} ${live.marketMinutes}m windows; orders to ${live.clobRestUrl} with real money, capital $${config.floor.capital}`);
    io.out(`  bus        ${bus.description}`);
    io.out(`  db         ${dbPath}`);
    io.out(`  config     ${config.source} (${config.agents.length} trader${config.agents.length === 1 ? "" : "s"}: ${config.agents.map((a) => a.id).join(", ")})`);
    const final: LiveStatus = await onFile(dbPath, runFloor({
      config, bus, dbPath, lock, seed, speed, log, signal: stop.signal, stop: budget,
      // The config folder makes traders, and the alerts speak for the floor: one process each.
      watchConfig: role === undefined || role === "traders",
      ...(role === undefined || role === "auditor" ? { alerts: { env: io.env } } : {}),
      ...(role ? { role, split: true } : {}),
      ...(v.mode === "paper" ? { source: catalog().paperSource(live) } : {}),
      ...(v.mode === "live" ? { source: await catalog().liveSource(live, io.env.POLYMARKET_PRIVATE_KEY ?? "", log) } : {}),
      ...(v.mode !== "sim" ? { noMarketTimeoutMs: live.noMarketTimeoutSec * 1000 } : {}),
      ...(servers.inspector ? { inspect: servers.inspector.inspect } : {}),
      ...(servers.feed ? { onTransition: servers.feed.transition } : {}),
      ...(untilMs !== undefined ? { untilMs } : {}),
      statusEveryMs: config.floor.statusEverySec * 1000,
      onStatus: (s) => io.out(statusLine(s)),
      onReady: async (live, metrics, floor) => {
        for (const line of servers!.ready(live, metrics, floor)) io.out(line);
        io.out(untilMs ? "running..." : "running; Ctrl-C stops the floor cleanly");
      },
    }));
    io.out(statusLine(final));
    busWatch.stop();
    await closeServers();
    busClosed = true;
    const lost = await closeBus(bus, budget);
    if (lost !== undefined) throw new Error(`the stop was not clean: ${lost}`);
    const took = budget.elapsedMs();
    io.out(`stopped cleanly${took === undefined ? "" : ` ${took} ms after the signal`}: ${final.marketsSettled} markets settled, ${final.orders} orders, ${final.fills} fills. See: floor status --db ${dbPath}`);
    return 0;
  } finally {
    busWatch.stop();
    await closeServers();
    // After a failure: what the outbox still holds is said (NatsBus warns), the failure is the one reported.
    if (!busClosed) {
      const lost = await closeBus(bus, budget).catch((e: unknown) => String(e));
      if (lost !== undefined) io.err(`floor start: ${lost}`);
    }
    lock.release();
    stop.dispose();
  }
}

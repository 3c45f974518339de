import { parseArgs } from "node:util";
import { createBus, resolveBusUrl } from "../../bus/index.ts";
import { loadFloorConfig } from "../../config/index.ts";
import { startDashboard, type Dashboard } from "../../dashboard/index.ts";
import { startInspector, type InspectorHandle } from "../../inspect/index.ts";
import { createLogger } from "../../log/createLogger.ts";
import { liveOptions, liveSource, runFloor, type LiveStatus } from "../../runner/index.ts";
import { statusLine } from "../formatStatus.ts";
import { liveExchange } from "../liveExchange.ts";
import { liveGuards } from "../liveGuards.ts";
import { stopSignals } from "../stopSignals.ts";
import { parseDuration } from "../parseDuration.ts";
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

/** Re-throw a validation failure as bad usage (exit 2). */
function usage<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

function parseSpeed(text: string): number | "max" {
  if (text === "max") return "max";
  const n = Number(text);
  if (!(n > 0) || !Number.isFinite(n)) throw new UsageError(`invalid --speed ${JSON.stringify(text)}: a positive number or "max"`);
  return n;
}

/** `floor start`: run the floor until Ctrl-C (or `--until` floor time), printing a status line every 10 s. */
export async function start(argv: string[], io: Io): Promise<number> {
  const { values: v } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false });
  if (v.mode !== "sim" && v.mode !== "paper" && v.mode !== "live") throw new UsageError(`invalid --mode ${JSON.stringify(v.mode)}: sim, paper or live`);
  if (v.mode === "paper" && v.speed !== "1") throw new UsageError("--speed is for sim: paper trading runs in real time");
  if (v.role !== undefined && v.role !== "all") throw new UsageError("--role is not available yet: every part of the floor runs in this one process");
  const seedArg = v.seed === undefined ? undefined : Number(v.seed);
  if (seedArg !== undefined && (!Number.isSafeInteger(seedArg) || seedArg < 0)) throw new UsageError(`invalid --seed ${JSON.stringify(v.seed)}: a non-negative integer`);
  const speed = parseSpeed(v.speed);
  const untilMs = v.until === undefined ? undefined : parseDuration(v.until);
  const config = loadFloorConfig(v.config);
  const { capitalCapUsd } = liveGuards({ mode: v.mode, live: v.live }, io.env, config);
  if (v.mode === "live" && v.speed !== "1") throw new UsageError("--speed is for sim: live trading runs in real time");
  // Live trading deploys at most the cap, whatever the configured capital.
  if (v.mode === "live") config.floor = { ...config.floor, capital: Math.min(config.floor.capital, capitalCapUsd) };
  const dbPath = v.db ?? config.floor.db;
  const busUrl = usage(() => resolveBusUrl(v.bus, io.env));
  const dashboardAt = v.dashboard ?? config.floor.dashboard;
  // A simulation resumes with its own seed, and --until counts from its beginning.
  const plan = simResumePlan({ mode: v.mode, dbPath, seed: seedArg, until: v.until, untilMs, simStart: Date.parse(config.floor.sim.start) });
  const seed = plan.seed;
  if (plan.done) {
    io.out(plan.done);
    return 0;
  }

  const log = createLogger({ level: io.env.LOG_LEVEL ?? "warn" });
  // POLYFLOOR_BUS_PREFIX namespaces every subject, so several floors can share one NATS server.
  const prefix = io.env.POLYFLOOR_BUS_PREFIX;
  const bus = await createBus({ url: busUrl, ...(prefix ? { prefix } : {}) });
  const stop = stopSignals(io, "the floor (checkpointing agents)");
  let dashboard: Dashboard | undefined;
  let inspector: InspectorHandle | undefined;
  try {
    if (v.inspect) inspector = await startInspector(Number(io.env.POLYFLOOR_INSPECT_PORT ?? 8080));
    io.out(`polyfloor: ${v.mode} floor, seed ${seed}, speed ${speed === "max" ? "max" : `${speed}x`}${untilMs ? `, until ${v.until} of floor time ${plan.untilFrom}` : ""}`);
    if (plan.resuming) io.out(plan.resuming);
    const live = config.floor.live;
    if (v.mode === "paper") io.out(`  market     live: ${live.asset} ${live.marketMinutes}m windows from ${live.gammaUrl}; fills from the floor's matching engine, no money`);
    if (v.mode === "live") io.out(`  market     LIVE: ${live.asset} ${live.marketMinutes}m windows; orders to ${live.clobRestUrl} with real money, capital $${config.floor.capital}`);
    io.out(`  bus        ${bus.description}`);
    io.out(`  db         ${dbPath}`);
    if (inspector) io.out(`  inspector  ${inspector.url} (the Stately inspector; the viewing browser needs internet)`);
    io.out(`  config     ${config.source} (${config.agents.length} trader${config.agents.length === 1 ? "" : "s"}: ${config.agents.map((a) => a.id).join(", ")})`);
    const final: LiveStatus = await runFloor({
      config, bus, dbPath, seed, speed, log, signal: stop.signal,
      ...(v.mode === "paper" ? { source: liveSource(liveOptions(live)) } : {}),
      ...(v.mode === "live" ? { source: liveSource(liveOptions(live), undefined, liveExchange(live, io.env.POLYMARKET_PRIVATE_KEY ?? "", log)) } : {}),
      ...(inspector ? { inspect: inspector.inspect } : {}),
      ...(untilMs !== undefined ? { untilMs } : {}),
      statusEveryMs: config.floor.statusEverySec * 1000,
      onStatus: (s) => io.out(statusLine(s)),
      onReady: async (live) => {
        if (dashboardAt === "off") io.out("  dashboard  off");
        else {
          try {
            dashboard = await startDashboard(dashboardAt, live);
            io.out(`  dashboard  ${dashboard.url}`);
          } catch (e) {
            io.err(`  dashboard  not started: ${(e as Error).message}`);
          }
        }
        io.out(untilMs ? "running..." : "running; Ctrl-C stops the floor cleanly");
      },
    });
    io.out(statusLine(final));
    io.out(`stopped cleanly: ${final.marketsSettled} markets settled, ${final.orders} orders, ${final.fills} fills. See: floor status --db ${dbPath}`);
    return 0;
  } finally {
    stop.dispose();
    await dashboard?.close();
    inspector?.stop();
    await bus.drain().catch(() => bus.close());
  }
}

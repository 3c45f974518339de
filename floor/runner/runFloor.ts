import type { InspectionEvent, Observer } from "xstate";
import { getMeta, openDb, readStatus, setMeta, type FloorStatus } from "../../state/index.ts";
import type { Bus } from "../bus/Bus.ts";
import { SimClock } from "../clock/index.ts";
import type { LoadedConfig } from "../config/index.ts";
import { AgentHost } from "../host/index.ts";
import type { Logger } from "../log/createLogger.ts";
import { floorAgents, type Role } from "./floorAgents.ts";
import { pace } from "./pace.ts";

export const STEP_MS = 1000;

export interface RunOptions {
  config: LoadedConfig;
  bus: Bus;
  dbPath: string;
  seed: number;
  /** Floor-time multiple of wall time, or "max" to run as fast as the machine allows. */
  speed: number | "max";
  /** Stop after this much floor time (ms); run until aborted when absent. */
  untilMs?: number;
  log: Logger;
  role?: Role;
  signal?: AbortSignal;
  inspect?: Observer<InspectionEvent> | ((event: InspectionEvent) => void);
  /** Called with the live floor every `statusEveryMs` of wall time, and once at the end. */
  onStatus?: (s: LiveStatus) => void;
  statusEveryMs?: number;
  /** Called once the floor is up, with the live view (the dashboard serves it). */
  onReady?: (live: () => LiveStatus) => void;
}

export interface LiveStatus extends FloorStatus {
  /** Live actor states by agent id (the registry's copy lags by one checkpoint). */
  live: Record<string, { state: string; received: number; invalid: number; published: number }>;
  steps: number;
}

/**
 * Run a sim floor: open the state file, start every agent's host, then step the simulated
 * clock one second at a time (each step waits until the bus is idle, so the floor stays in
 * lock step at any speed), and stop cleanly on abort or at `untilMs`. Returns the final status.
 */
export async function runFloor(o: RunOptions): Promise<LiveStatus> {
  const db = openDb(o.dbPath);
  try {
    const sim = o.config.floor.sim;
    const resumeAt = getMeta(db, "floorTime");
    const start = resumeAt === undefined ? Date.parse(sim.start) : Number(resumeAt) + STEP_MS;
    const runId = Number(getMeta(db, "runs") ?? 0) + 1;
    setMeta(db, "runs", String(runId));
    setMeta(db, "mode", "sim");
    if (resumeAt === undefined) setMeta(db, "seed", String(o.seed));
    const clock = new SimClock(start);
    const hosts = floorAgents(o.config, o.seed, o.role).map(
      (spec) => new AgentHost(spec, { bus: o.bus, clock, db, log: o.log, runId, ...(o.inspect ? { inspect: o.inspect } : {}) }),
    );
    let steps = 0;
    const actors = () => Object.fromEntries(hosts.map((h) => [h.id, { state: h.state, received: h.counters.received, invalid: h.counters.invalid, published: h.counters.published }]));
    const live = (): LiveStatus => ({ ...readStatus(db), floorTime: clock.now(), steps, live: actors() });
    for (const h of hosts) {
      h.start();
      await o.bus.idle();
    }
    o.log.info({ start: new Date(start).toISOString(), runId, agents: hosts.map((h) => h.id), resumed: resumeAt !== undefined }, "floor started");
    o.onReady?.(live);
    const end = o.untilMs === undefined ? Infinity : start + o.untilMs;
    const pacer = pace(o.speed, start);
    let lastStatus = Date.now();
    for (let t = start; t <= end && !o.signal?.aborted; t += STEP_MS) {
      clock.advanceTo(t);
      for (const h of hosts) h.tick(t);
      await o.bus.idle();
      steps++;
      if (steps % 60 === 0) setMeta(db, "floorTime", String(t));
      if (o.onStatus && Date.now() - lastStatus >= (o.statusEveryMs ?? 10_000)) {
        lastStatus = Date.now();
        o.onStatus(live());
      }
      await pacer(t + STEP_MS, o.signal);
    }
    const lastSeen = actors(); // the states the actors stopped in, not "stopped"
    for (const h of [...hosts].reverse()) h.stop();
    await o.bus.idle();
    setMeta(db, "floorTime", String(clock.now()));
    const final: LiveStatus = { ...readStatus(db), steps, live: lastSeen };
    o.log.info({ floorTime: new Date(clock.now()).toISOString(), steps, marketsSettled: final.marketsSettled }, "floor stopped");
    return final;
  } finally {
    db.close();
  }
}

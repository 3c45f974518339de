import type { InspectionEvent, Observer } from "xstate";
import { anchorAtStart, getMeta, readFigures, readStatus, setMeta, writeAnchor, type AuditHead, type Db, type DbLock, type FloorStatus, type LedgerFigures, type LedgerWriteError } from "../../state/index.ts";
import { startAlerts, type Alerts } from "../alerts/index.ts";
import type { Bus, BusHealth } from "../bus/Bus.ts";
import { resumeFor, roleResume } from "../checkpoint/index.ts";
import { SimClock } from "../clock/index.ts";
import type { LoadedConfig } from "../config/index.ts";
import { catalog, STEP_MS, Supervisor, type AgentTransition, type MarketSource } from "../host/index.ts";
import type { Logger } from "../log/createLogger.ts";
import { FloorMetrics } from "../metrics/index.ts";
import { auditBusViolations } from "./auditBusViolations.ts";
import { bootAgents } from "./bootAgents.ts";
import type { Role } from "./floorAgents.ts";
import { watchAgentFiles } from "../config/index.ts";
import { FeedWatch, type FeedHealthView } from "./FeedWatch.ts";
import { openLedger } from "./openLedger.ts";
import { pacerFor } from "./pace.ts";
import { embeddedStepping, iterate, roleStepping, type Stepping } from "./roleProcess.ts";
import type { StopBudget } from "./StopBudget.ts";
import { stopFloor } from "./stopFloor.ts";

export interface RunOptions {
  config: LoadedConfig;
  bus: Bus;
  dbPath: string;
  /** The caller's lock on dbPath (taken early, to refuse before printing anything); else runFloor takes one. */
  lock?: DbLock;
  seed: number;
  /** Floor-time multiple of wall time, or "max" to run as fast as the machine allows. */
  speed: number | "max";
  /** Stop this much floor time (ms) after the simulation began (sim) or after this run's start (the others); run until aborted when absent. */
  untilMs?: number;
  log: Logger;
  role?: Role;
  /** This process is `role`'s part of a floor split over processes (`floor start --role`): its own file, the state journal, the clock over the bus. */
  split?: boolean;
  /** Where market data and the clock's steps come from; the simulator when absent. */
  source?: MarketSource;
  signal?: AbortSignal;
  /**
   * The stop's time from the signal (`floor start`): a step's wait on the bus, and the waits of the
   * stop, give up when it runs out, and the stop then throws saying what it could not do (exit 1).
   */
  stop?: StopBudget;
  inspect?: Observer<InspectionEvent> | ((event: InspectionEvent) => void);
  /** Told of each agent's state change (the dashboard's feed); nothing is watched when absent. */
  onTransition?: (t: AgentTransition) => void;
  /** Called with the live floor every `statusEveryMs` of wall time, and once at the end. */
  onStatus?: (s: LiveStatus) => void;
  statusEveryMs?: number;
  /** Called once the floor is up, with the live view and the Prometheus text of its figures (the dashboard serves both; without it no registry is kept). */
  onReady?: (live: () => LiveStatus, metrics: () => Promise<string>, floor: FloorHandles) => void;
  /** Stop and throw (exit 1) when no market opened within this much floor time (live data). */
  noMarketTimeoutMs?: number;
  /** Watch the config's agents folder and spawn, reconfigure and retire as its files change (`floor start`). */
  watchConfig?: boolean;
  /** Called once the supervisor is up (tests and the bench drive it directly). */
  onSupervisor?: (s: Supervisor) => void;
  /** Send the config's alerts (`floor start`), their webhook URLs and the secrets they scrub read from `env`; none when absent (backtest, record). */
  alerts?: { env: Readonly<Record<string, string | undefined>> };
}

/** What the dashboard reads and acts through: the floor's ledger connection, its supervisor and clock. */
export interface FloorHandles {
  db: Db;
  supervisor: Supervisor;
  clock: { now(): number };
}

/** The floor while it runs (no ledger hash: see `readFigures`); the final status carries the hash. */
export interface LiveStatus extends LedgerFigures {
  ledgerHash?: string;
  /** Live actor states by agent id (the registry's copy lags by one checkpoint). */
  live: Record<string, { state: string; received: number; invalid: number; published: number }>;
  steps: number;
  /** Each market-data source's last md.health report, and the bus's connection. */
  feeds: Record<string, FeedHealthView>;
  bus: BusHealth;
}

/**
 * Run a floor on simulated time: open the state file, start every agent's host, then step the
 * clock through the source's steps (a second at a time in sim, from one recorded event to the
 * next in replay), each step waiting until the bus is idle so the floor stays in lock step at
 * any speed, and stop cleanly on abort, at `untilMs`, or when the source ends. Returns the final status.
 */
export async function runFloor(o: RunOptions): Promise<LiveStatus & FloorStatus> {
  const split = o.split === true && o.role !== undefined && o.role !== "all";
  const { db, close } = openLedger(o.dbPath, o.lock, o.log, { journal: split });
  let fatal: LedgerWriteError | undefined;
  let stepping: Stepping | undefined;
  let unwatchBus = () => undefined as void;
  let prom: FloorMetrics | undefined;
  let alerting: Alerts | undefined;
  try {
    const source = o.source ?? catalog().simSource(o.config.floor.sim, o.seed);
    const resumeAt = getMeta(db, "floorTime");
    const start = source.start(resumeAt === undefined ? undefined : Number(resumeAt));
    // Recovery at start compares a file's ledger with its audit log. In a split floor these are replicas
    // that catch up only after this point (the exchange's journal, the auditor's durable consumers), so
    // a comparison now would invent lost or unbooked facts: no role records any, and the others never
    // write the auditor's chain anyway (floor/replica/roleTables.ts).
    anchorAtStart(db, o.dbPath, start, { recover: !split });
    const runId = Number(getMeta(db, "runs") ?? 0) + 1;
    setMeta(db, "runs", String(runId));
    setMeta(db, "mode", source.mode);
    if (resumeAt === undefined) setMeta(db, "seed", String(o.seed));
    // Sim: one transaction from checkpoint to checkpoint, agents restored exactly (floor/checkpoint). The run
    // counter above is committed first, so a run that is killed and re-simulated still gets message ids of its own.
    const simStart = Date.parse(o.config.floor.sim.start);
    const resume = split ? roleResume(db, { mode: source.mode, simStart }) : resumeFor(source.mode, db, { seed: o.seed, simStart });
    const clock = new SimClock(start);
    stepping = split ? await roleStepping({ db, bus: o.bus, role: o.role!, source, log: o.log, clock, ...(o.signal ? { signal: o.signal } : {}) }) : embeddedStepping(o.bus, source);
    const bus = stepping.bus;
    // The audit chain is the auditor's alone in a split floor: another role's process logs what the server refused.
    if (!split || o.role === "auditor") unwatchBus = auditBusViolations(bus, db, clock, o.log);
    // The monitor's metrics.* as Prometheus series, in every process whatever its role (floor/metrics), when someone will serve them.
    if (o.onReady) prom = new FloorMetrics(bus);
    if (o.alerts) alerting = startAlerts({ floor: o.config.floor, env: o.alerts.env, bus, db, clock, log: o.log, source: o.config.source });
    const sup: Supervisor = new Supervisor({ bus, clock, db, log: o.log, runId, floor: o.config.floor, snapshotEveryMs: resume.snapshotEveryMs, fatal: (e) => void (fatal ??= e), ...(o.inspect ? { inspect: o.inspect } : {}), ...(o.onTransition ? { onTransition: o.onTransition } : {}) });
    // Paper and live take no new order from the signal on (ctx.stopping); a sim from its last step, which finishes whole.
    const beginStop = () => sup.beginStop();
    if (source.mode !== "sim") o.signal?.addEventListener("abort", beginStop, { once: true });
    if (source.mode !== "sim" && o.signal?.aborted) beginStop();
    const boot = bootAgents(db, o.config, source.feed, o.role ?? "all", o.log, source.exchange);
    const feeds = new FeedWatch(bus, o.noMarketTimeoutMs);
    let steps = 0;
    const actors = () => Object.fromEntries(sup.all.map((h) => [h.id, { state: h.state, received: h.counters.received, invalid: h.counters.invalid, published: h.counters.published }]));
    // The status line prints the head last anchored (in the sidecar too), not the live one a sim may still roll back.
    let anchored: AuditHead | undefined;
    const live = (): LiveStatus => {
      const figures = readFigures(db);
      return { ...figures, auditHead: anchored ?? figures.auditHead, floorTime: clock.now(), steps, live: actors(), feeds: feeds.feeds, bus: bus.health };
    };
    sup.shared.load(resume.shared());
    const turn = stepping.beforeBoot();
    if (turn) await turn;
    for (const { spec, origin } of boot.agents) {
      sup.boot(spec, origin, resume.forHost(spec.id));
      await bus.idle();
    }
    // A file-made agent whose file went while the floor was down is retired before the first step.
    for (const id of boot.gone) void sup.submit({ verb: "retire", agentId: id, by: "config", reason: "its config file is gone (or disabled)" });
    await sup.applyPending();
    // Commands spawn, change and retire the kinds config files make: in a split floor, only the process that runs them listens.
    if (!split || catalog().kinds.some((k) => k.file && k.role === o.role)) sup.listen();
    stepping.afterBoot();
    const watcher = o.watchConfig && o.config.agentsDir ? watchAgentFiles({ dir: o.config.agentsDir, floor: o.config.floor, running: o.config.defaultAgents ? [] : o.config.agents, supervisor: sup, log: o.log }) : undefined;
    o.onSupervisor?.(sup);
    o.log.info({ start: new Date(start).toISOString(), runId, agents: sup.all.map((h) => h.id), resumed: resumeAt !== undefined }, "floor started");
    o.onReady?.(live, () => prom!.text(), { db, supervisor: sup, clock });
    const end = resume.endAt(start, o.untilMs);
    let lastStep: number | undefined;
    const pacer = pacerFor(source.mode, o.speed, start, o.log);
    let gaveUp: string | undefined;
    const statusEvery = o.statusEveryMs ?? 10_000;
    let lastStatus = Date.now();
    let lastAnchor = -Infinity;
    let reachedEnd = true;
    let unfinished: number | undefined;
    const budget = o.stop;
    // Named for the watchdog: a stop that never gets out of the loop (the bus down in a wait no budget bounds) says where it was.
    const inLoop = budget?.stage(() => `the floor's step at floor time ${new Date(clock.now()).toISOString()} (bus ${bus.health.state})`);
    const stepIter = iterate(stepping.steps(start));
    for (;;) {
      const next = stepIter.next();
      const r = next instanceof Promise ? await next : next; // a sync source is not awaited: one process keeps its timing exactly
      if (r.done) break;
      const t = r.value;
      gaveUp = feeds.giveUp(t, start);
      if (t > end || o.signal?.aborted || fatal || gaveUp) {
        reachedEnd = t > end;
        break;
      }
      clock.advanceTo(t);
      sup.tick(t);
      // The bus down: the step waits for it, until a stop's time for waiting runs out.
      if (!(await settle(bus, budget))) {
        unfinished = t;
        break;
      }
      // Births, changes and deaths happen here, between steps, and are committed before they are answered.
      await sup.applyPending();
      steps++;
      lastStep = t;
      const committed = resume.stepped(t, sup, sup.awaitingCommit);
      if (committed) sup.flushReplies();
      // The anchor records only a committed head: a sim killed between checkpoints rolls back to the last one.
      if (committed && Date.now() - lastAnchor >= statusEvery) {
        lastAnchor = Date.now();
        anchored = writeAnchor(db, o.dbPath, { floorTime: t, running: true });
      }
      if (Date.now() - lastStatus >= statusEvery) {
        lastStatus = Date.now();
        o.onStatus?.(live());
      }
      const done = stepping.done(t);
      if (done) await done;
      if (stepping.paced) await pacer(t + STEP_MS, o.signal);
    }
    inLoop?.();
    if (reachedEnd && !o.signal?.aborted && !fatal) await stepping.ended(lastStep);
    feeds.stop();
    watcher?.stop();
    const lastSeen = actors(); // the states the actors stopped in, not "stopped"
    o.signal?.removeEventListener("abort", beginStop);
    // Last born, first stopped; each one's parting messages (a live exchange's cancels) reach the recorders before they stop.
    const lost = await stopFloor({ sup, bus, db, dbPath: o.dbPath, clock, resume, mode: source.mode, lastStep, unfinished, alerting, stop: budget });
    const closing = budget?.stage("closing the market-data source");
    await source.close?.();
    closing?.();
    if (fatal) throw fatal; // after the clean stop: every agent checkpointed
    if (lost.length > 0) throw new Error(`the stop was not clean: ${lost.join("; ")}`);
    const final: LiveStatus & FloorStatus = { ...readStatus(db), steps, live: lastSeen, feeds: feeds.feeds, bus: bus.health };
    o.log.info({ floorTime: new Date(clock.now()).toISOString(), steps, marketsSettled: final.marketsSettled }, "floor stopped");
    if (gaveUp) throw new Error(gaveUp);
    return final;
  } finally {
    await alerting?.stop(); // after a throw; at once when already stopped
    stepping?.stop();
    unwatchBus();
    prom?.stop();
    close();
  }
}

/** The bus idle (true), or, once a stop began, false when its time for waiting ran out first. */
function settle(bus: Bus, budget: StopBudget | undefined): Promise<boolean> {
  return budget ? budget.bounded(bus.idle()) : bus.idle().then(() => true);
}

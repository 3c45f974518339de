import { readFigures, readStatus, writeAnchor, type AuditHead, type FloorStatus, type LedgerWriteError } from "../../state/index.ts";
import { startAlerts, type Alerts } from "../alerts/index.ts";
import type { Bus } from "../bus/Bus.ts";
import { SimClock } from "../clock/index.ts";
import { watchAgentFiles } from "../config/index.ts";
import { catalog, STEP_MS, Supervisor } from "../host/index.ts";
import { FloorMetrics } from "../metrics/index.ts";
import { actorStates } from "./actorStates.ts";
import { auditBusViolations } from "./auditBusViolations.ts";
import { beginRun } from "./beginRun.ts";
import { bootAgents } from "./bootAgents.ts";
import { FeedWatch } from "./FeedWatch.ts";
import { embeddedProcess } from "./FloorProcess.ts";
import { iterate } from "./iterate.ts";
import { openLedger } from "./openLedger.ts";
import { pacerFor } from "./pace.ts";
import { roleProcess } from "./roleProcess.ts";
import type { LiveStatus, RunOptions } from "./RunOptions.ts";
import type { Stepping } from "./Stepping.ts";
import type { StopBudget } from "./StopBudget.ts";
import { stopFloor } from "./stopFloor.ts";

/**
 * Run a floor on simulated time: open the state file, start every agent's host, then step the
 * clock through the source's steps (a second at a time in sim, from one recorded event to the
 * next in replay), each step waiting until the bus is idle so the floor stays in lock step at
 * any speed, and stop cleanly on abort, at `untilMs`, or when the source ends. Returns the final status.
 */
export async function runFloor(o: RunOptions): Promise<LiveStatus & FloorStatus> {
  // The hook: what a role's process of a split floor does otherwise (roleProcess.ts).
  const proc = o.split === true && o.role !== undefined && o.role !== "all" ? roleProcess(o.role) : embeddedProcess;
  const { db, close } = openLedger(o.dbPath, o.lock, o.log, { journal: proc.journal });
  let fatal: LedgerWriteError | undefined;
  let stepping: Stepping | undefined;
  let unwatchBus = () => undefined as void;
  let prom: FloorMetrics | undefined;
  let alerting: Alerts | undefined;
  try {
    const source = o.source ?? catalog().simSource(o.config.floor.sim, o.seed);
    const { start, runId, resumed } = beginRun(db, o.dbPath, source, { seed: o.seed, recover: proc.recover });
    // Sim: one transaction from checkpoint to checkpoint, agents restored exactly (floor/checkpoint), the run id committed before it.
    const simStart = Date.parse(o.config.floor.sim.start);
    const resume = proc.resume(db, { mode: source.mode, seed: o.seed, simStart });
    const clock = new SimClock(start);
    const made = proc.stepping({ db, bus: o.bus, source, log: o.log, clock, signal: o.signal });
    stepping = made instanceof Promise ? await made : made; // one process takes no tick here: its timing stays exactly as it was
    const bus = stepping.bus;
    if (proc.auditsBus) unwatchBus = auditBusViolations(bus, db, clock, o.log);
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
    // The status line prints the head last anchored (in the sidecar too), not the live one a sim may still roll back.
    let anchored: AuditHead | undefined;
    const live = (): LiveStatus => {
      const figures = readFigures(db);
      return { ...figures, auditHead: anchored ?? figures.auditHead, floorTime: clock.now(), steps, live: actorStates(sup), feeds: feeds.feeds, bus: bus.health };
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
    if (proc.listens()) sup.listen();
    stepping.afterBoot();
    const watcher = o.watchConfig && o.config.agentsDir ? watchAgentFiles({ dir: o.config.agentsDir, floor: o.config.floor, running: o.config.defaultAgents ? [] : o.config.agents, supervisor: sup, log: o.log }) : undefined;
    o.onSupervisor?.(sup);
    o.log.info({ start: new Date(start).toISOString(), runId, agents: sup.all.map((h) => h.id), resumed }, "floor started");
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
    const lastSeen = actorStates(sup); // the states the actors stopped in, not "stopped"
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

import type { AnyEventObject, AnyStateMachine, InspectionEvent, Observer, StateValue } from "xstate";
import { SupervisionConfig, subjects } from "../../protocols/index.ts";
import { asLedgerFailure, loadSnapshot, registerAgent, SeenEnvelopes, type Db, type LedgerWriteError } from "../../state/index.ts";
import type { Bus, Subscription } from "../bus/Bus.ts";
import { envelopeId } from "../bus/envelopeId.ts";
import type { FloorClock } from "../clock/index.ts";
import type { Logger } from "../log/createLogger.ts";
import type { AgentBehaviour, AgentContext, AgentSpec } from "./AgentSpec.ts";
import { decodeShared } from "./decodeShared.ts";
import { FloorShared } from "./FloorShared.ts";
import { handledOnce } from "./handledOnce.ts";
import { heartbeatRule } from "./heartbeatRule.ts";
import type { HostBirth, HostCheckpoint, HostCounters, HostDown } from "./HostCheckpoint.ts";
import { Incarnation } from "./Incarnation.ts";
import { HostOutbox } from "./HostOutbox.ts";
import { RestartPolicy } from "./RestartPolicy.ts";
import { routeOptions } from "./routeOptions.ts";
import { Supervision } from "./Supervision.ts";
import { WRITE_THROUGH } from "./SnapshotWriter.ts";
import { stateString } from "./stateString.ts";
import { watchTransitions, type AgentTransition } from "./watchTransitions.ts";

export type { HostBirth, HostCheckpoint, HostCounters } from "./HostCheckpoint.ts";

export interface HostOptions {
  bus: Bus;
  clock: FloorClock;
  db: Db;
  log: Logger;
  /** Distinguishes message ids across restarts of the floor. */
  runId: number;
  inspect?: Observer<InspectionEvent> | ((event: InspectionEvent) => void);
  /** Backoff, restart intensity and heartbeats (the floor's `supervision:`); its defaults when absent. */
  supervision?: SupervisionConfig;
  /**
   * Floor ms between writes of an actor snapshot whose state value did not change (SnapshotWriter):
   * every change at once when absent; the runner passes its resume's cadence (docs/RESUME.md, "Snapshots").
   */
  snapshotEveryMs?: number;
  /** What this floor's agents share (a symbol's spot tape); a floor of its own when absent. */
  shared?: FloorShared;
  /** Told of each change of an agent's state (the dashboard's feed); its actors are made with no inspection of it when absent. */
  onTransition?: (t: AgentTransition) => void;
  /** A ledger write failed: the agent stops handling anything, and the floor must stop (runFloor does). */
  fatal?: (err: LedgerWriteError) => void;
  /** True once the floor began to stop (AgentContext.stopping); never when absent. */
  stopping?: () => boolean;
}

const DEFAULT_SUPERVISION = SupervisionConfig.parse({});

/**
 * Runs one agent: its actor on the floor clock, its routes bound to bus subjects with every
 * message validated, its snapshot checkpointed to SQLite (SnapshotWriter), and heartbeats. A crash
 * (a handler or clock hook that throws, a failed actor, a hang the supervisor's watchdog caught)
 * ends the agent's incarnation; after a backoff a new one starts (Supervision.ts), until the
 * restart intensity is exceeded and the agent is failed. docs/BOSS.md, "Supervision".
 */
export class AgentHost {
  readonly counters: HostCounters = { received: 0, invalid: 0, handlerErrors: 0, published: 0, crashes: 0, restarts: 0, dropped: 0, withheld: 0, fenced: 0, refused: 0 };
  readonly supervision: SupervisionConfig;
  /** The running incarnation; undefined while down, failed or stopped. */
  private life: Incarnation | undefined;
  /** The behaviour last made (its machine version is the checkpoint's). */
  private behaviour: AgentBehaviour | undefined;
  private subs: Subscription[] = [];
  private lastHb = -Infinity;
  /** Bumped with each new incarnation and each crash: a context of an older one is fenced off. */
  private gen = 0;
  private halted = false;
  private current: unknown;
  private readonly sup: Supervision;
  private readonly log: Logger;
  private readonly out: HostOutbox;
  private readonly shared: FloorShared;
  private stateOf: { snap: unknown; state: string } = { snap: undefined, state: "stopped" };

  constructor(readonly spec: AgentSpec, private readonly opts: HostOptions) {
    this.log = opts.log.child({ agent: spec.id });
    this.out = new HostOutbox({ spec, bus: opts.bus, clock: opts.clock, log: this.log, runId: opts.runId, counters: this.counters });
    this.supervision = opts.supervision ?? DEFAULT_SUPERVISION;
    this.shared = opts.shared ?? new FloorShared();
    this.sup = new Supervision({ db: opts.db, clock: opts.clock, log: this.log, spec, limits: this.supervision, policy: new RestartPolicy(this.supervision), publish: (s, b) => this.publish(s, b) });
  }

  get id(): string {
    return this.spec.id;
  }

  /** How many messages this host has numbered (its ids are `<agent>.<run>.<n>`). */
  get sequence(): number {
    return this.out.seq;
  }

  get state(): string {
    if (this.sup.failed) return "failed";
    if (this.sup.down) return "restarting";
    const actor = this.life?.actor;
    if (!actor) return "stopped";
    // Asked on every book by every trader: flattened once per snapshot.
    const snap = actor.getSnapshot();
    if (snap !== this.stateOf.snap) this.stateOf = { snap, state: stateString(snap.value) };
    return this.stateOf.state;
  }

  /** The agent's machine and version, and its state value while it runs (the dashboard draws them); undefined before it first starts. */
  get machine(): { machine: AnyStateMachine; version: string; value: StateValue | undefined } | undefined {
    const b = this.behaviour;
    return b && { machine: b.machine, version: b.machineVersion, value: (this.life?.actor?.getSnapshot() as { value?: StateValue } | undefined)?.value };
  }

  /** Start the agent; from `resume` (an exact sim resume) when given by the same machine version; `life` says how it is announced. */
  start(resume?: HostCheckpoint, life: HostBirth = {}): void {
    const b = this.make();
    this.out.seq = life.seq ?? 0;
    const exact = resume && resume.machineVersion === b.machineVersion ? resume : undefined;
    if (exact) {
      this.out.seq = exact.seq;
      this.lastHb = exact.lastHb;
      this.sup.load(exact);
    }
    // Register first (a restart keeps its record), so the actor's first checkpoint records its state.
    registerAgent(this.opts.db, { agentId: this.spec.id, kind: this.spec.kind, parentId: this.spec.parentId, config: this.config, state: "starting", ts: this.opts.clock.now(), origin: life.origin ?? "floor" });
    // An agent that had failed stays failed, as in the run that saved it; one waiting for its restart waits on.
    if (exact?.failed) return;
    if (!exact?.down) {
      if (exact) b.restore?.(exact.agent);
      this.launch(b);
    }
    this.subscribe(b);
    if (exact?.down) return;
    const verb = life.verb ?? "spawn";
    this.publish(subjects.life(verb), {
      verb, agentId: this.spec.id, kind: this.spec.kind,
      ...(this.spec.parentId ? { parentId: this.spec.parentId } : {}),
      ...(life.by ? { by: life.by } : {}), ...(life.reason ? { reason: life.reason } : {}), ...(life.reborn ? { reborn: true } : {}),
    });
    this.onStart(b);
  }

  /**
   * Bind the routes. A durable one (NATS, stored subjects) remembers what it handled in this
   * process's file (SeenEnvelopes, in the handling's own transaction: handledOnce); what its
   * handlings sent that the stream was not known to hold when the last process stopped goes out
   * again first, under its own ids.
   */
  private subscribe(b: AgentBehaviour): void {
    const { bus, db } = this.opts;
    const durables = new Set<string>();
    this.subs = b.routes.map((r, i) => {
      const o = routeOptions(bus.kind, this.spec.id, r.pattern, durables, (name) => new SeenEnvelopes(db, name));
      const seen = o.seen;
      if (!seen) return bus.subscribe(r.pattern, (m) => this.receive(i, m.subject, m.data), o);
      for (const m of seen.unsent()) bus.publish(m.subject, m.data, { again: true });
      return bus.subscribe(r.pattern, (m) => {
        const id = envelopeId(m.data);
        return id === undefined ? this.receive(i, m.subject, m.data) : handledOnce(db, seen, id, this.out, () => this.receive(i, m.subject, m.data));
      }, o);
    });
  }

  /** The durable names of its routes (`<agent id>.<pattern>`: routeOptions); none on the in-process bus, or before it first starts. */
  get durables(): string[] {
    const taken = new Set<string>();
    for (const r of this.behaviour?.routes ?? []) routeOptions(this.opts.bus.kind, this.spec.id, r.pattern, taken);
    return [...taken];
  }

  /** The configuration the agent runs with (its spec's, or the last one it took in place). */
  get config(): unknown {
    return this.current ?? this.spec.config;
  }

  /** Give the running agent a new configuration in place; false when its agent cannot take one (restart it instead). */
  update(config: unknown): boolean {
    const b = this.life?.b;
    if (!b?.update || !this.life?.actor) return false;
    b.update(config);
    this.current = config;
    registerAgent(this.opts.db, { agentId: this.spec.id, kind: this.spec.kind, config, state: this.state, ts: this.opts.clock.now() });
    return true;
  }

  /** The host and its agent as they stand (between two steps: see HostCheckpoint); its actor's snapshot is written first. */
  checkpoint(): HostCheckpoint {
    const life = this.life;
    life?.snapshots.flush();
    return { machineVersion: this.behaviour!.machineVersion, seq: this.out.seq, lastHb: this.lastHb, ...this.sup.save(), ...(life?.b.save ? { agent: life.b.save() } : {}) };
  }

  /** Drive a due restart, the agent's clock hooks and its heartbeat; at this step boundary a changed snapshot is written when its cadence is due. */
  tick(now: number): void {
    if (this.halted || this.sup.failed) return;
    if (this.sup.down && now >= this.sup.down.until) this.restart(this.sup.down);
    const life = this.life;
    if (!life) return;
    life.snapshots.tick(now);
    try {
      life.b.onTick?.(now);
    } catch (err) {
      return this.handlerFailed(life, "clock tick", err);
    }
    const beat = heartbeatRule(now, this.lastHb, life.work.stuckFor(now), this.supervision);
    if (beat === "withhold") this.counters.withheld++;
    if (beat !== "beat") return;
    this.lastHb = now;
    this.out.beat(this.state);
  }

  /** Floor ms the watchdog has heard nothing from a running agent: since its last heartbeat, or its (re)start if later. */
  silentFor(now: number): number | undefined {
    const life = this.life;
    return life && !this.halted ? now - Math.max(this.lastHb, life.upSince) : undefined;
  }

  /** The supervisor's watchdog found the agent hung: a crash like any other. */
  hung(now: number, limitMs: number): void {
    const life = this.life;
    if (life) this.crash(life, "watchdog", new Error(`hung: no heartbeat for ${now - Math.max(this.lastHb, life.upSince)} ms (limit ${limitMs} ms), its oldest handler unsettled for ${life.work.stuckFor(now)} ms`));
  }

  /** Stop routes, let the agent finish (its onStop may be async), then stop the actor, checkpointing its last snapshot first. */
  async stop(): Promise<void> {
    this.unsubscribe();
    const life = this.life;
    await life?.stop();
    if (this.life === life) this.life = undefined;
  }

  publish(subject: string, body: Record<string, unknown>): string | undefined {
    return this.out.publish(subject, body);
  }

  /** A new behaviour from the spec, with a context of its own that is fenced off once it is replaced or crashes. */
  private make(): AgentBehaviour {
    const gen = ++this.gen;
    const live = () => this.gen === gen;
    const ctx: AgentContext = {
      id: this.spec.id,
      kind: this.spec.kind,
      clock: this.opts.clock,
      db: this.opts.db,
      log: this.log,
      publish: (subject, body) => (live() ? this.publish(subject, body) : void this.counters.fenced++),
      send: (event: AnyEventObject) => (live() ? this.life?.actor?.send(event) : void this.counters.fenced++),
      state: () => this.state,
      context: <T>() => (live() ? (this.life?.actor?.getSnapshot().context as T | undefined) : undefined),
      shared: (key, make) => this.shared.of(key, make),
      fail: (err, during) => this.ledgerFailed(err, during),
      stopping: () => this.opts.stopping?.() ?? false,
    };
    return (this.behaviour = this.spec.create(ctx));
  }

  /** Start an incarnation of `b`: its actor from the last good snapshot. */
  private launch(b: AgentBehaviour): Incarnation {
    const life: Incarnation = new Incarnation(b, {
      db: this.opts.db, agentId: this.spec.id, clock: this.opts.clock, log: this.log,
      snapshotEveryMs: this.opts.snapshotEveryMs ?? WRITE_THROUGH, waitMs: this.supervision.heartbeatMs,
      inspect: this.opts.onTransition ? watchTransitions(this.spec.id, () => this.opts.clock.now(), this.opts.onTransition, this.opts.inspect) : this.opts.inspect,
      publish: (s, body) => this.publish(s, body),
      crashed: (err) => this.crash(life, "actor", err),
    });
    this.life = life;
    life.startActor(loadSnapshot(this.opts.db, this.spec.id, b.machineVersion));
    return life;
  }

  private onStart(b: AgentBehaviour): void {
    const life = this.life;
    if (!life || life.b !== b) return; // it crashed as its actor started
    try {
      b.onStart?.();
    } catch (err) {
      this.handlerFailed(life, "start", err);
    }
  }

  /** After its backoff: a fresh behaviour (its memory is what crashed), its actor from the last good snapshot. */
  private restart(down: HostDown): void {
    this.sup.restarting();
    let b: AgentBehaviour;
    try {
      b = this.make();
      // A configuration it took in place is the one it runs with, not its spec's.
      if (this.current !== undefined) b.update?.(this.current);
    } catch (err) {
      return this.judge("restart", err);
    }
    this.counters.restarts++;
    const life = this.launch(b);
    if (this.life === life) this.sup.restarted(down, this.counters);
    this.onStart(b);
  }

  private receive(i: number, subject: string, data: string): void | Promise<void> {
    if (this.halted) return;
    this.counters.received++;
    const life = this.life;
    if (!life) {
      this.counters.dropped++;
      return this.sup.dropped();
    }
    const d = decodeShared(subject, data);
    if (!d.ok) return this.out.rejectInvalid(subject, data, d.error);
    try {
      const r = life.b.routes[i]!.handle(d.msg, subject);
      if (r) return life.work.track(r, this.opts.clock.now(), (err) => this.handlerFailed(life, subject, err));
    } catch (err) {
      this.handlerFailed(life, subject, err);
    }
  }

  /** The agent's own code threw (a handler, a clock hook, its start): counted, and a crash. */
  private handlerFailed(life: Incarnation, during: string, err: unknown): void {
    if (life !== this.life || this.ledgerFailed(err, during)) return;
    this.counters.handlerErrors++;
    this.crash(life, during, err);
  }

  /** A crash of incarnation `life` (ignored when it is no longer the running one): it ends, and the supervision judges it. */
  private crash(life: Incarnation, during: string, err: unknown): void {
    if (life !== this.life || this.ledgerFailed(err, during)) return;
    this.life = undefined;
    this.gen++;
    life.end();
    this.judge(during, err);
  }

  private judge(during: string, err: unknown): void {
    this.counters.crashes++;
    this.sup.crashed(during, err, this.opts.clock.now());
    if (this.sup.failed) this.unsubscribe();
  }

  private unsubscribe(): void {
    for (const s of this.subs) s.unsubscribe();
    this.subs = [];
  }

  /** A failed ledger write is never dropped: audited, then fatal to the floor (when it gave a `fatal`). */
  private ledgerFailed(err: unknown, during: string): boolean {
    const { fatal } = this.opts;
    const failure = fatal ? asLedgerFailure(err, this.spec.id, during) : undefined;
    if (!fatal || !failure) return false;
    this.counters.handlerErrors++;
    this.halted = true;
    this.log.error({ during, err }, "ledger write failed: stopping the floor");
    this.publish(subjects.audit("agent_error"), { kind: "agent_error", severity: "error", subject: during, detail: { error: failure.message } });
    fatal(failure);
    return true;
  }
}

import { createActor, type AnyActorRef, type AnyMachineSnapshot, type EventObject, type InspectionEvent, type Observer, type Snapshot } from "xstate";
import { PROTOCOL_VERSION, encode, subjects } from "../../protocols/index.ts";
import { decodeShared } from "./decodeShared.ts";
import { publishCheck } from "./publishAllowed.ts";
import type { LifeVerb } from "../../protocols/index.ts";
import { asLedgerFailure, loadSnapshot, registerAgent, setAgentState, type AgentOrigin, type Db, type LedgerWriteError } from "../../state/index.ts";
import type { Bus, Subscription } from "../bus/Bus.ts";
import type { FloorClock } from "../clock/index.ts";
import type { Logger } from "../log/createLogger.ts";
import type { AgentBehaviour, AgentContext, AgentSpec, PublishEmitted } from "./AgentSpec.ts";
import { RestartPolicy } from "./RestartPolicy.ts";
import { SnapshotWriter, WRITE_THROUGH } from "./SnapshotWriter.ts";
import { stateString } from "./stateString.ts";

export interface HostOptions {
  bus: Bus;
  clock: FloorClock;
  db: Db;
  log: Logger;
  /** Distinguishes message ids across restarts of the floor. */
  runId: number;
  inspect?: Observer<InspectionEvent> | ((event: InspectionEvent) => void);
  heartbeatMs?: number;
  /**
   * Floor ms between writes of an actor snapshot whose state value did not change (SnapshotWriter):
   * every change at once when absent; the runner passes its resume's cadence (docs/RESUME.md, "Snapshots").
   */
  snapshotEveryMs?: number;
  /** A ledger write failed: the agent stops handling anything, and the floor must stop (runFloor does). */
  fatal?: (err: LedgerWriteError) => void;
}

/** A host at a quiescent sim step: its message sequence, heartbeat phase, restart record and its agent's `save()`. */
export interface HostCheckpoint {
  machineVersion: string;
  seq: number;
  lastHb: number;
  restarts: number[];
  failed: boolean;
  agent?: unknown;
}

/** How a host's start is announced (`floor.life.<verb>`) and registered. */
export interface HostBirth {
  origin?: AgentOrigin;
  /** `spawn` unless the supervisor restarts it with a new configuration (`reconfigured`). */
  verb?: Extract<LifeVerb, "spawn" | "reconfigured">;
  by?: string;
  reason?: string;
  /** The id was retired before: the boss allocates it afresh. */
  reborn?: boolean;
  /** The last message number of the same id's previous host in this run: message ids stay unique across a restart. */
  seq?: number;
}

export interface HostCounters {
  received: number;
  invalid: number;
  handlerErrors: number;
  published: number;
  restarts: number;
  /** Publishes refused because the subject is outside the agent's kind's rights (protocols/publishRights.ts). */
  refused: number;
}

/**
 * Runs one agent: its actor on the floor clock, its routes bound to bus subjects with every
 * message validated, its snapshot checkpointed to SQLite (SnapshotWriter), heartbeats, and an
 * OTP-style restart (at most 1 restart per 5 s of floor time, then give up and report).
 */
export class AgentHost {
  readonly counters: HostCounters = { received: 0, invalid: 0, handlerErrors: 0, published: 0, restarts: 0, refused: 0 };
  private actor: AnyActorRef | undefined;
  private behaviour: AgentBehaviour | undefined;
  private subs: Subscription[] = [];
  private seq = 0;
  private snapshots: SnapshotWriter | undefined;
  private lastHb = -Infinity;
  private failed = false;
  private halted = false;
  private current: unknown;
  private readonly restarts = new RestartPolicy({ intensity: 1, periodMs: 5000 });
  private readonly ctx: AgentContext;
  private readonly mayPublish: (subject: string) => boolean;

  constructor(readonly spec: AgentSpec, private readonly opts: HostOptions) {
    this.mayPublish = publishCheck(spec.kind, spec.id);
    this.ctx = {
      id: spec.id,
      kind: spec.kind,
      clock: opts.clock,
      db: opts.db,
      log: opts.log.child({ agent: spec.id }),
      publish: (subject, body) => this.publish(subject, body),
      send: (event) => this.actor?.send(event),
      state: () => (this.actor ? stateString(this.actor.getSnapshot().value) : "stopped"),
      context: <T>() => this.actor?.getSnapshot().context as T | undefined,
      fail: (err, during) => this.ledgerFailed(err, during),
    };
  }

  get id(): string {
    return this.spec.id;
  }

  /** How many messages this host has numbered (its ids are `<agent>.<run>.<n>`). */
  get sequence(): number {
    return this.seq;
  }

  get state(): string {
    return this.failed ? "failed" : this.ctx.state();
  }

  /** Start the agent; from `resume` (an exact sim resume) when given by the same machine version; `life` says how it is announced. */
  start(resume?: HostCheckpoint, life: HostBirth = {}): void {
    const b = (this.behaviour = this.spec.create(this.ctx));
    this.seq = life.seq ?? 0;
    if (resume && resume.machineVersion === b.machineVersion) {
      this.seq = resume.seq;
      this.lastHb = resume.lastHb;
      this.restarts.load(resume.restarts);
      b.restore?.(resume.agent);
    }
    this.snapshots = new SnapshotWriter({
      db: this.opts.db, agentId: this.spec.id, machine: b.machine, machineVersion: b.machineVersion,
      now: () => this.opts.clock.now(), everyMs: this.opts.snapshotEveryMs ?? WRITE_THROUGH,
    });
    // Register first (a restart keeps its record), so the actor's first checkpoint records its state.
    registerAgent(this.opts.db, { agentId: this.spec.id, kind: this.spec.kind, parentId: this.spec.parentId, config: this.config, state: "starting", ts: this.opts.clock.now(), origin: life.origin ?? "floor" });
    this.startActor(loadSnapshot(this.opts.db, this.spec.id, b.machineVersion));
    for (const r of b.routes) this.subs.push(this.opts.bus.subscribe(r.pattern, (m) => this.receive(r.handle, m.subject, m.data)));
    const verb = life.verb ?? "spawn";
    this.publish(subjects.life(verb), {
      verb, agentId: this.spec.id, kind: this.spec.kind,
      ...(this.spec.parentId ? { parentId: this.spec.parentId } : {}),
      ...(life.by ? { by: life.by } : {}), ...(life.reason ? { reason: life.reason } : {}), ...(life.reborn ? { reborn: true } : {}),
    });
    b.onStart?.();
    // An agent that had failed stays failed, its actor no longer taking events, as in the run that saved it.
    if (resume?.failed) {
      this.failed = true;
      this.actor?.stop();
    }
  }

  /** The configuration the agent runs with (its spec's, or the last one it took in place). */
  get config(): unknown {
    return this.current ?? this.spec.config;
  }

  /** Give the running agent a new configuration in place; false when its agent cannot take one (restart it instead). */
  update(config: unknown): boolean {
    const b = this.behaviour;
    if (!b?.update || !this.actor) return false;
    b.update(config);
    this.current = config;
    registerAgent(this.opts.db, { agentId: this.spec.id, kind: this.spec.kind, config, state: this.state, ts: this.opts.clock.now() });
    return true;
  }

  /** The host and its agent as they stand (between two steps: see HostCheckpoint); its actor's snapshot is written first. */
  checkpoint(): HostCheckpoint {
    const b = this.behaviour!;
    if (!this.failed) this.snapshots?.flush();
    return { machineVersion: b.machineVersion, seq: this.seq, lastHb: this.lastHb, restarts: this.restarts.save(), failed: this.failed, ...(b.save ? { agent: b.save() } : {}) };
  }

  /** Drive the agent's clock hooks and heartbeat; at this step boundary a changed snapshot is written when its cadence is due. */
  tick(now: number): void {
    if (this.failed || this.halted) return;
    this.snapshots?.tick(now);
    try {
      this.behaviour?.onTick?.(now);
    } catch (err) {
      if (!this.ledgerFailed(err, "clock tick")) throw err;
    }
    if (now - this.lastHb >= (this.opts.heartbeatMs ?? 10_000)) {
      this.lastHb = now;
      this.publish(subjects.hb(this.spec.id), { state: this.state, seq: this.seq });
    }
  }

  /** Stop routes, let the agent finish (its onStop may be async), then stop the actor, checkpointing its last snapshot first. */
  async stop(): Promise<void> {
    for (const s of this.subs) s.unsubscribe();
    this.subs = [];
    const done = this.behaviour?.onStop?.();
    if (done) await done.catch((err: unknown) => this.ctx.log.error({ err: String(err) }, "agent stop failed"));
    if (this.actor && !this.failed) this.snapshots?.flush();
    this.actor?.stop();
    this.actor = undefined;
  }

  publish(subject: string, body: Record<string, unknown>): void {
    if (!this.mayPublish(subject)) return this.refusePublish(subject);
    const msg = { v: PROTOCOL_VERSION, id: `${this.spec.id}.${this.opts.runId}.${++this.seq}`, ts: this.opts.clock.now(), src: this.spec.id, ...body };
    this.opts.bus.publish(subject, encode(subject, msg));
    this.counters.published++;
  }

  /** Not sent: counted, logged and audited (audit.* is every kind's, so this cannot loop). */
  private refusePublish(subject: string): void {
    this.counters.refused++;
    this.ctx.log.warn({ subject, kind: this.spec.kind }, "publish outside the agent's rights refused");
    this.publish(subjects.audit("violation"), { kind: "violation", severity: "violation", subject, detail: { rule: "publish_rights", operation: "publish", agentId: this.spec.id, agentKind: this.spec.kind } });
  }

  private receive(handle: (msg: unknown, subject: string) => void | Promise<void>, subject: string, data: string): void | Promise<void> {
    if (this.halted) return;
    this.counters.received++;
    const d = decodeShared(subject, data);
    if (!d.ok) return this.rejectInvalid(subject, data, d.error);
    try {
      const r = handle(d.msg, subject);
      if (r) return r.catch((err: unknown) => this.handlerFailed(subject, err));
    } catch (err) {
      this.handlerFailed(subject, err);
    }
  }

  /** Invalid input is counted, logged and audited, never thrown into the agent. */
  private rejectInvalid(subject: string, data: string, error: string): void {
    this.counters.invalid++;
    this.ctx.log.warn({ subject, error }, "invalid message rejected");
    if (subject.startsWith("audit.")) return; // never audit the audit stream's own garbage in a loop
    this.publish(subjects.audit("invalid"), { kind: "invalid", severity: "invalid", subject, detail: { error, sample: data.slice(0, 300) } });
  }

  private handlerFailed(subject: string, err: unknown): void {
    if (this.ledgerFailed(err, subject)) return;
    this.counters.handlerErrors++;
    this.ctx.log.error({ subject, err }, "handler failed");
    this.publish(subjects.audit("agent_error"), { kind: "agent_error", severity: "error", subject, detail: { error: String(err) } });
  }

  /** A failed ledger write is never dropped: audited, then fatal to the floor (when it gave a `fatal`). */
  private ledgerFailed(err: unknown, during: string): boolean {
    const { fatal } = this.opts;
    const failure = fatal ? asLedgerFailure(err, this.spec.id, during) : undefined;
    if (!fatal || !failure) return false;
    this.counters.handlerErrors++;
    this.halted = true;
    this.ctx.log.error({ during, err }, "ledger write failed: stopping the floor");
    this.publish(subjects.audit("agent_error"), { kind: "agent_error", severity: "error", subject: during, detail: { error: failure.message } });
    fatal(failure);
    return true;
  }

  private startActor(snapshot: unknown): void {
    const b = this.behaviour!;
    const actor = createActor(b.machine, {
      id: this.spec.id,
      clock: this.opts.clock.timers,
      input: b.input,
      ...(snapshot ? { snapshot: snapshot as Snapshot<unknown> } : {}),
      ...(this.opts.inspect ? { inspect: this.opts.inspect } : {}),
    });
    const snapshots = this.snapshots!;
    actor.on("publish", (e: EventObject) => {
      const p = e as PublishEmitted;
      // Emitted while the transition completes: the actor's snapshot is already the one that led here.
      if (!this.failed) snapshots.beforeEmit(actor.getSnapshot() as AnyMachineSnapshot);
      this.publish(p.subject, p.body);
    });
    actor.subscribe({
      next: (snap) => {
        if (!this.failed) snapshots.seen(snap as AnyMachineSnapshot);
      },
      error: (err) => this.actorFailed(err),
    });
    this.actor = actor;
    actor.start();
    if (!this.failed) snapshots.flush(); // its first checkpoint, and the registry's state
  }

  private actorFailed(err: unknown): void {
    const now = this.opts.clock.now();
    if (this.ledgerFailed(err, "actor")) return;
    this.ctx.log.error({ err }, "agent actor failed");
    if (this.restarts.allow(now)) {
      this.counters.restarts++;
      this.snapshots!.flush(); // the last good snapshot, not yet written if its cadence was not due
      this.publish(subjects.life("restarted"), { verb: "restarted", agentId: this.spec.id, kind: this.spec.kind, reason: String(err) });
      this.startActor(loadSnapshot(this.opts.db, this.spec.id, this.behaviour!.machineVersion));
      return;
    }
    this.failed = true;
    setAgentState(this.opts.db, this.spec.id, "failed");
    this.publish(subjects.life("failed"), { verb: "failed", agentId: this.spec.id, kind: this.spec.kind, reason: `restart intensity exceeded: ${String(err)}` });
  }
}

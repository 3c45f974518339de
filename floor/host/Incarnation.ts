import { createActor, type AnyActorRef, type AnyMachineSnapshot, type EventObject, type InspectionEvent, type Observer, type Snapshot } from "xstate";
import type { Db } from "../../state/index.ts";
import type { FloorClock } from "../clock/index.ts";
import type { Logger } from "../log/createLogger.ts";
import type { AgentBehaviour, PublishEmitted } from "./AgentSpec.ts";
import { PendingWork } from "./PendingWork.ts";
import { SnapshotWriter } from "./SnapshotWriter.ts";

export interface IncarnationOptions {
  db: Db;
  agentId: string;
  clock: FloorClock;
  log: Logger;
  snapshotEveryMs: number;
  /** Wall ms the bus may wait on one async handler (PendingWork). */
  waitMs: number;
  inspect?: Observer<InspectionEvent> | ((event: InspectionEvent) => void);
  /** What the actor emits, published in the agent's name. */
  publish(subject: string, body: Record<string, unknown>): void;
  /** The actor failed. */
  crashed(err: unknown): void;
}

/**
 * One life of an agent between two crashes: its behaviour (made afresh by its spec), its actor
 * (started from the last good snapshot), that actor's checkpoints and its unsettled async work.
 * Once ended, nothing it emits reaches the floor.
 */
export class Incarnation {
  actor: AnyActorRef | undefined;
  readonly work: PendingWork;
  readonly snapshots: SnapshotWriter;
  readonly upSince: number;
  private alive = true;

  constructor(readonly b: AgentBehaviour, private readonly o: IncarnationOptions) {
    this.upSince = o.clock.now();
    this.work = new PendingWork(o.waitMs);
    this.snapshots = new SnapshotWriter({ db: o.db, agentId: o.agentId, machine: b.machine, machineVersion: b.machineVersion, now: () => o.clock.now(), everyMs: o.snapshotEveryMs });
  }

  startActor(snapshot: unknown): void {
    const actor = createActor(this.b.machine, {
      id: this.o.agentId,
      clock: this.o.clock.timers,
      input: this.b.input,
      ...(snapshot ? { snapshot: snapshot as Snapshot<unknown> } : {}),
      ...(this.o.inspect ? { inspect: this.o.inspect } : {}),
    });
    actor.on("publish", (e: EventObject) => {
      if (!this.alive) return;
      const p = e as PublishEmitted;
      // Emitted while the transition completes: the actor's snapshot is already the one that led here.
      this.snapshots.beforeEmit(actor.getSnapshot() as AnyMachineSnapshot);
      this.o.publish(p.subject, p.body);
    });
    actor.subscribe({
      next: (snap) => {
        if (this.alive) this.snapshots.seen(snap as AnyMachineSnapshot);
      },
      error: (err) => this.o.crashed(err),
    });
    this.actor = actor;
    actor.start();
    if (this.alive) this.snapshots.flush(); // its first checkpoint, and the registry's state
  }

  /**
   * Ended by a crash or a failure: its last good snapshot written (an errored actor's is never
   * noted), its actor stopped, the bus's waits on it released, and its `onStop` let run to release
   * what it holds (sockets), not awaited: what that publishes is fenced off by the host.
   */
  end(): void {
    if (!this.alive) return;
    this.snapshots.flush();
    this.alive = false;
    this.actor?.stop();
    this.work.abandon();
    try {
      const done = this.b.onStop?.();
      if (done) done.catch((err: unknown) => this.o.log.error({ err: String(err) }, "a crashed agent's stop failed"));
    } catch (err) {
      this.o.log.error({ err: String(err) }, "a crashed agent's stop failed");
    }
  }

  /** A clean stop (the floor's, a retirement, a reconfiguration): the agent's onStop awaited, then its actor checkpointed and stopped. */
  async stop(): Promise<void> {
    if (!this.alive) return;
    const done = this.b.onStop?.();
    if (done) await done.catch((err: unknown) => this.o.log.error({ err: String(err) }, "agent stop failed"));
    this.snapshots.flush();
    this.alive = false;
    this.actor?.stop();
    this.work.abandon();
  }
}

import type { AnyMachineSnapshot, AnyStateMachine } from "xstate";
import { saveSnapshot, setAgentState, type Db } from "../../state/index.ts";
import { stateString } from "./stateString.ts";

/** Every change of the snapshot is written as it happens (a host given no cadence). */
export const WRITE_THROUGH = 0;

export interface SnapshotWriterOptions {
  db: Db;
  agentId: string;
  machine: AnyStateMachine;
  machineVersion: string;
  /** Floor time, for the row's `ts` and the cadence. */
  now: () => number;
  /**
   * Floor ms between writes of a snapshot whose state value did not change (its context did):
   * `WRITE_THROUGH` writes each change, `Infinity` leaves them to `flush` (a sim's commits).
   */
  everyMs: number;
}

/**
 * An actor's checkpoints (`snapshots` table) and its registry state. Noting a snapshot costs a
 * comparison; it is serialised and written only when its state value changes, when the cadence
 * is due at a step boundary (`tick`), before the actor tells the world something (`beforeEmit`,
 * where writes commit as they are made), and on `flush` (a sim checkpoint, a stop, a restart).
 * The ledger is the source of truth; a snapshot is a checkpoint (docs/RESUME.md, "Snapshots").
 */
export class SnapshotWriter {
  private latest: AnyMachineSnapshot | undefined;
  private written: AnyMachineSnapshot | undefined;
  private writtenValue: unknown;
  private lastJson = "";
  private lastState = "";
  private lastWriteAt = -Infinity;

  constructor(private readonly o: SnapshotWriterOptions) {}

  /** A snapshot changed since the last write (XState makes a new object per transition, the same one when nothing happened). */
  get dirty(): boolean {
    return this.latest !== this.written;
  }

  /** The actor's snapshot after an event: written at once when its state changed, else left for the cadence. */
  seen(snap: AnyMachineSnapshot): void {
    if (snap === this.latest || !usable(snap)) return;
    this.latest = snap;
    if (this.o.everyMs === WRITE_THROUGH || this.stateChanged(snap)) this.write();
  }

  /** An emitted message is about to be published: where writes commit as made, the snapshot that led to it goes first. */
  beforeEmit(snap: AnyMachineSnapshot): void {
    if (!Number.isFinite(this.o.everyMs)) return; // a sim: one transaction to the next commit, nothing is ahead of anything
    if (usable(snap)) this.latest = snap;
    this.flush();
  }

  /** At a step boundary (the bus idle): write a changed snapshot when the cadence is due. */
  tick(now: number): void {
    if (this.dirty && now - this.lastWriteAt >= this.o.everyMs) this.write();
  }

  /** Write the last good snapshot if it changed since the last write. */
  flush(): void {
    if (this.dirty) this.write();
  }

  private stateChanged(snap: AnyMachineSnapshot): boolean {
    if (snap.value === this.writtenValue) return false;
    // A string value compares as is; a nested one is a new object each time, so compare it flattened.
    return typeof snap.value === "string" || stateString(snap.value) !== this.lastState;
  }

  private write(): void {
    const snap = this.latest;
    if (!snap) return;
    this.written = snap;
    this.writtenValue = snap.value;
    this.lastWriteAt = this.o.now();
    const json = JSON.stringify(this.o.machine.getPersistedSnapshot(snap));
    if (json !== this.lastJson) {
      this.lastJson = json;
      saveSnapshot(this.o.db, this.o.agentId, this.o.machineVersion, json, this.lastWriteAt);
    }
    const state = stateString(snap.value);
    if (state !== this.lastState) {
      this.lastState = state;
      setAgentState(this.o.db, this.o.agentId, state);
    }
  }
}

/** An errored or stopped actor's snapshot is never a checkpoint: the last good one stands. */
function usable(snap: AnyMachineSnapshot): boolean {
  return snap.status === "active" || snap.status === "done";
}

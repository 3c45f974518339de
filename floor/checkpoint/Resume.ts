import type { HostCheckpoint } from "../host/index.ts";

/** What a checkpoint needs of a running host. */
export interface Checkpointed {
  readonly id: string;
  checkpoint(): HostCheckpoint;
}

/** What a checkpoint takes of a floor: its hosts in start order, and what their agents share (FloorShared). */
export interface CheckpointedFloor {
  readonly all: readonly Checkpointed[];
  readonly shared: { save(): Record<string, unknown> };
}

/**
 * How a floor's run is made resumable: where its agents start from, where `--until` counts from,
 * and what is kept as it runs. Sim resumes exactly (exactResume.ts); paper, live and replay follow
 * real or recorded time and keep only the floor time (periodicResume.ts). docs/RESUME.md.
 */
export interface Resume {
  /** The checkpoint to start agent `id` from, for an exact resume. */
  forHost(id: string): HostCheckpoint | undefined;
  /** What the agents shared at that checkpoint (FloorShared.load), for an exact resume. */
  shared(): Record<string, unknown> | undefined;
  /**
   * Floor ms between writes of an actor snapshot whose state value did not change, at step
   * boundaries (HostOptions.snapshotEveryMs): a sim leaves them to its commits (Infinity).
   */
  readonly snapshotEveryMs: number;
  /** The floor time at which `--until` (floor time `untilMs`) stops the floor. */
  endAt(start: number, untilMs: number | undefined): number;
  /**
   * After step `t`, with the bus idle (the floor is quiescent); true when everything written so far is
   * committed. `soon`: commands wait on a commit for their replies, so it comes sooner (exactResume.ts).
   */
  stepped(t: number, floor: CheckpointedFloor, soon?: boolean): boolean;
  /** After the last step (`lastStep`, undefined when none ran), before the hosts stop. */
  stopping(lastStep: number | undefined, floor: CheckpointedFloor): void;
  /** The hosts have stopped at floor time `now`: keep what the run did. */
  stopped(now: number): void;
}

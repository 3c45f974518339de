import type { Bus } from "../bus/Bus.ts";

/** How a floor's process walks through floor time: its steps, what it does after each, and at the end. */
export interface Stepping {
  /** The bus the process's agents use. */
  readonly bus: Bus;
  /** Before the process boots its agents (a split floor's first start waits for its turn here). */
  beforeBoot(): Promise<void> | undefined;
  /** Its agents are up and listening. */
  afterBoot(): void;
  /** Whether the runner paces the steps against the wall clock (a follower's leader paces them). */
  readonly paced: boolean;
  steps(start: number): Iterable<number> | AsyncIterable<number>;
  /** After step `t` is done and committed. (Undefined, not a promise, when there is nothing to wait for: one process keeps its timing exactly.) */
  done(t: number): Promise<void> | undefined;
  /** The run reached its end at `last` (not on a signal): tell whoever waits. */
  ended(last: number | undefined): Promise<void>;
  stop(): void;
}

/** A Stepping that, beyond its bus and steps, does only what `parts` says: paced, no turn to wait for, nothing to tell anyone. */
export function stepping(parts: Pick<Stepping, "bus" | "steps"> & Partial<Stepping>): Stepping {
  return { beforeBoot: () => undefined, afterBoot: () => undefined, paced: true, done: () => undefined, ended: async () => undefined, stop: () => undefined, ...parts };
}

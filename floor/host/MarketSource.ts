import type { AgentSpec } from "./AgentSpec.ts";

/** The sim's clock step. */
export const STEP_MS = 1000;

/** Where a floor's market data and clock steps come from. */
export interface MarketSource {
  readonly mode: "sim" | "replay" | "paper" | "live";
  readonly feed: AgentSpec;
  /** The exchange, when not the floor's paper matching engine (live trading). */
  readonly exchange?: AgentSpec;
  /**
   * Floor time to start at, given where the database's last run stopped (undefined when fresh):
   * sim continues one step later, paper starts now, replay refuses a used database (throws).
   */
  start(resumeAt: number | undefined): number;
  /** The clock's steps from `from` on; finite for a replay. */
  steps(from: number): Iterable<number>;
  /** Release what the source holds (sockets) once the floor has stopped. */
  close?(): Promise<void>;
}

/** One step a second from `from`, without end. */
export function* everySecond(from: number): Iterable<number> {
  for (let t = from; ; t += STEP_MS) yield t;
}

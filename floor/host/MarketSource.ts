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

/** How a replay meets the recorded market (docs/DATA.md, "Fills"). */
export interface ReplayOptions {
  /** Floor ms between the boss's decision and the order reaching the venue. */
  latencyMs: number;
  /** Quote an invented book around the model's fair value where the data records no price. */
  syntheticBook: boolean;
}

/** A decision reaches the venue a second later: a public taker's round trip, with room to spare. */
export const DEFAULT_REPLAY: ReplayOptions = { latencyMs: 1000, syntheticBook: false };

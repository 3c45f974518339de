import { simFeedAgent } from "../../agents/feed/index.ts";
import type { SimConfig } from "../../protocols/index.ts";
import type { AgentSpec } from "../host/index.ts";

/** The sim's clock step. */
export const STEP_MS = 1000;

/** Where a floor's market data and clock steps come from. */
export interface MarketSource {
  readonly mode: "sim" | "replay";
  readonly feed: AgentSpec;
  /** Floor time of a fresh run. */
  readonly start: number;
  /** The clock's steps from `from` on; finite for a replay. */
  steps(from: number): Iterable<number>;
  /** A later run on the same database continues where the last stopped (sim), or refuses (replay). */
  readonly resumable: boolean;
}

/** The simulator: one step a second, forever (until `--until` or a stop). */
export function simSource(sim: SimConfig, seed: number): MarketSource {
  return {
    mode: "sim",
    feed: simFeedAgent("feed", seed, sim),
    start: Date.parse(sim.start),
    *steps(from) {
      for (let t = from; ; t += STEP_MS) yield t;
    },
    resumable: true,
  };
}

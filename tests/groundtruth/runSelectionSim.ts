import { dirname, join } from "node:path";
import type { Outcome } from "../../protocols/index.ts";
import { simOutcomes } from "../../agents/feed/index.ts";
import { LocalBus } from "../../floor/bus/index.ts";
import { loadFloorConfig, type LoadedConfig } from "../../floor/config/index.ts";
import { createLogger } from "../../floor/log/createLogger.ts";
import { runFloor } from "../../floor/runner/index.ts";
import type { FloorStatus } from "../../state/index.ts";
import { withStrategies } from "../helpers/withStrategies.ts";
import { coinFlip } from "./coinFlip.ts";
import { oracle } from "./oracle.ts";

/** The sim for selection tests: the default roster beside oracle-1 and coin-flip-1 (its floor.yaml says what it holds and why). */
export const SELECTION_CONFIG = "tests/fixtures/selection/floor.yaml";

export interface SelectionRun {
  config: LoadedConfig;
  /** Every window's outcome, as the oracle was told it. */
  truth: Map<string, Outcome>;
  status: FloorStatus;
  /** Wall time of the floor's run alone (not the truth's computation), ms. */
  wallMs: number;
  /** Wall time spent computing the truth, ms. */
  truthMs: number;
}

/**
 * Run the selection sim in this process (LocalBus, full speed) for `days` of floor time into a
 * fresh database at `dbPath`: the ground-truth strategies registered for the run only, the
 * oracle told the outcome of every window of this config and seed (simOutcomes: the feed's own
 * walks, computed before the floor starts). The catalog is put back however the run ends.
 */
export async function runSelectionSim(o: { seed: number; days: number; dbPath: string; configPath?: string; onDay?: (day: number, wallMs: number) => void }): Promise<SelectionRun> {
  const untilMs = o.days * 86_400_000;
  let truth = new Map<string, Outcome>();
  const restore = withStrategies([oracle((id) => truth.get(id)), coinFlip]);
  const bus = new LocalBus();
  try {
    const config = loadFloorConfig(o.configPath ?? SELECTION_CONFIG);
    config.floor.digests.dir = join(dirname(o.dbPath), "digests"); // beside the test's db, never the repo's reports/
    const t0 = performance.now();
    truth = simOutcomes(config.floor.sim, o.seed, untilMs);
    const t1 = performance.now();
    const start = Date.parse(config.floor.sim.start);
    let day = 0;
    // Wall time as each simulated day ends (to the status line's second): is a day late in the run dearer than the first?
    const onStatus = (s: { floorTime: number | null }) => {
      while (o.onDay && s.floorTime !== null && s.floorTime - start >= (day + 1) * 86_400_000) o.onDay(++day, performance.now() - t1);
    };
    // Only a caller that times the days asks for the live status each second: each one reads the ledger's figures (readFigures).
    const status = await runFloor({ config, bus, dbPath: o.dbPath, seed: o.seed, speed: "max", untilMs, log: createLogger({ level: "silent" }), ...(o.onDay ? { onStatus, statusEveryMs: 1000 } : {}) });
    const wallMs = performance.now() - t1;
    while (o.onDay && day < Math.floor(o.days)) o.onDay(++day, wallMs); // the last day ends with the run
    return { config, truth, status, wallMs, truthMs: t1 - t0 };
  } finally {
    await bus.close();
    restore();
  }
}

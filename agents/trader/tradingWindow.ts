import type { FloorConfig } from "../../protocols/index.ts";
import type { FieldProblem } from "../../floor/host/index.ts";
import type { TraderConfig } from "./traderConfig.ts";

/**
 * A trader that could never trade: its entry delay and exit margin leave nothing of even the
 * longest window the floor may run (the sim's series, the live windows). Checked at load, not in
 * the schema, because the windows are in floor.yaml and the trader in its own file.
 */
export function tradingWindow(agent: TraderConfig, floor: FloorConfig): FieldProblem | undefined {
  const longestSec = 60 * Math.max(floor.live.marketMinutes, ...floor.sim.series.map((s) => s.marketMinutes));
  const { entryAfterSec, exitBeforeSec } = agent.params;
  if (entryAfterSec + exitBeforeSec < longestSec) return undefined;
  return { path: ["params", "entryAfterSec"], message: `entryAfterSec ${entryAfterSec} + exitBeforeSec ${exitBeforeSec} leave nothing of a ${longestSec / 60}-minute window: this trader would never trade` };
}

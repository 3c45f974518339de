import type { AgentConfig, FloorConfig } from "../../protocols/index.ts";
import { ConfigError } from "./ConfigError.ts";
import { lineIn } from "./loadYaml.ts";

/**
 * Refuse a trader that could never trade: its entry delay and exit margin leave nothing of even
 * the longest window the floor may run (the sim's series, the live windows). It is checked here,
 * not in the schema, because the windows are in floor.yaml and the trader in its own file.
 */
export function checkTradingWindow(floor: FloorConfig, agent: AgentConfig, file: string): void {
  const longestSec = 60 * Math.max(floor.live.marketMinutes, ...floor.sim.series.map((s) => s.marketMinutes));
  const { entryAfterSec, exitBeforeSec } = agent.params;
  if (entryAfterSec + exitBeforeSec < longestSec) return;
  throw new ConfigError(file, lineIn(file, ["params", "entryAfterSec"]) ?? lineIn(file, ["params", "exitBeforeSec"]), "params.entryAfterSec", `entryAfterSec ${entryAfterSec} + exitBeforeSec ${exitBeforeSec} leave nothing of a ${longestSec / 60}-minute window: this trader would never trade`);
}

import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { AgentConfig, FloorConfig } from "../../protocols/index.ts";
import { checkTradingWindow } from "./checkTradingWindow.ts";
import { ConfigError } from "./ConfigError.ts";
import { lineIn, loadYaml } from "./loadYaml.ts";

export interface LoadedConfig {
  floor: FloorConfig;
  agents: AgentConfig[];
  /** Where each came from, for messages; "embedded defaults" when no file was read. */
  source: string;
}

/** The one trader the floor runs when config/agents/ holds none. */
export const DEFAULT_AGENTS: readonly AgentConfig[] = [AgentConfig.parse({ id: "momentum-1", kind: "trader", strategy: "momentum" })];

/**
 * Load `floor.yaml` and the `agents/*.yaml` beside it. A path given explicitly must exist;
 * the default path may be absent, in which case the embedded defaults run.
 */
export function loadFloorConfig(path: string | undefined, defaultPath = "config/floor.yaml"): LoadedConfig {
  const file = path ?? defaultPath;
  if (!existsSync(file)) {
    if (path !== undefined) throw new ConfigError(file, undefined, "", "file not found");
    return { floor: FloorConfig.parse({}), agents: [...DEFAULT_AGENTS], source: "embedded defaults" };
  }
  const floor = loadYaml(file, FloorConfig);
  const dir = join(dirname(file), "agents");
  const files = agentFiles(dir);
  const agents = files.map((f) => loadYaml(f, AgentConfig));
  const seen = new Map<string, string>();
  agents.forEach((a, i) => {
    const first = seen.get(a.id);
    const here = files[i]!;
    if (first !== undefined) throw new ConfigError(here, lineIn(here, ["id"]), "id", `duplicate agent id ${a.id} (also in ${first}:${lineIn(first, ["id"]) ?? "?"})`);
    seen.set(a.id, here);
    if (a.enabled) checkTradingWindow(floor, a, here);
  });
  const enabled = agents.filter((a) => a.enabled);
  return { floor, agents: agents.length > 0 ? enabled : [...DEFAULT_AGENTS], source: file };
}

/** The `*.yaml` files of the agents folder, sorted; none when it is absent. */
function agentFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  if (!statSync(dir).isDirectory()) throw new ConfigError(dir, undefined, "", "is not a directory (config/agents/ holds one YAML file per agent)");
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => join(dir, f));
}

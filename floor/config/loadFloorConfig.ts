import { existsSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { AgentConfig, FloorConfig } from "../../protocols/index.ts";
import { ConfigError } from "./ConfigError.ts";
import { loadYaml } from "./loadYaml.ts";

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
  const agents = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => /\.ya?ml$/.test(f))
        .sort()
        .map((f) => loadYaml(join(dir, f), AgentConfig))
    : [];
  const seen = new Map<string, number>();
  agents.forEach((a, i) => {
    if (seen.has(a.id)) throw new ConfigError(join(dir, `${a.id}`), undefined, "id", `duplicate agent id ${a.id}`);
    seen.set(a.id, i);
  });
  const enabled = agents.filter((a) => a.enabled);
  return { floor, agents: agents.length > 0 ? enabled : [...DEFAULT_AGENTS], source: file };
}

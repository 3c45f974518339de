import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { FloorConfig } from "../../protocols/index.ts";
import type { AgentFileConfig } from "../host/index.ts";
import { agentFileSchema } from "./agentFileSchema.ts";
import { ConfigError } from "./ConfigError.ts";
import { duplicateIdError } from "./duplicateIdError.ts";
import { loadAgentFile } from "./loadAgentFile.ts";
import { loadYaml } from "./loadYaml.ts";

export interface LoadedConfig {
  floor: FloorConfig;
  agents: AgentFileConfig[];
  /** The folder of agent files a running floor watches; undefined on the embedded defaults. */
  agentsDir?: string;
  /** The embedded default agents run, no file having named any: they are no file's, and no watcher retires them. */
  defaultAgents: boolean;
  /** Where each came from, for messages; "embedded defaults" when no file was read. */
  source: string;
}

/** The one trader the floor runs when config/agents/ holds none. */
export function defaultAgents(): AgentFileConfig[] {
  return [agentFileSchema().parse({ id: "momentum-1", kind: "trader", strategy: "momentum" })];
}

/**
 * Load `floor.yaml` and the `agents/*.yaml` beside it. A path given explicitly must exist;
 * the default path (`POLYFLOOR_CONFIG`, else config/floor.yaml) may be absent, in which case the
 * embedded defaults run.
 */
export function loadFloorConfig(path: string | undefined, defaultPath = process.env.POLYFLOOR_CONFIG || "config/floor.yaml"): LoadedConfig {
  const file = path ?? defaultPath;
  if (!existsSync(file)) {
    if (path !== undefined) throw new ConfigError(file, undefined, "", "file not found");
    return { floor: FloorConfig.parse({}), agents: defaultAgents(), source: "embedded defaults", defaultAgents: true };
  }
  const floor = loadYaml(file, FloorConfig);
  const dir = join(dirname(file), "agents");
  const files = agentFiles(dir);
  const agents = files.map((f) => loadAgentFile(f, floor));
  const seen = new Map<string, string>();
  agents.forEach((a, i) => {
    const first = seen.get(a.id);
    const here = files[i]!;
    if (first !== undefined) throw duplicateIdError(here, a.id, first);
    seen.set(a.id, here);
  });
  const enabled = agents.filter((a) => a.enabled);
  return { floor, agents: agents.length > 0 ? enabled : defaultAgents(), source: file, agentsDir: dir, defaultAgents: agents.length === 0 };
}

/** The `*.yaml` files of the agents folder, sorted; none when it is absent. */
export function agentFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  if (!statSync(dir).isDirectory()) throw new ConfigError(dir, undefined, "", "is not a directory (config/agents/ holds one YAML file per agent)");
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => join(dir, f));
}

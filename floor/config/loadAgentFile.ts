import type { FloorConfig } from "../../protocols/index.ts";
import { fileKinds, type AgentFileConfig } from "../host/index.ts";
import { agentFileSchema } from "./agentFileSchema.ts";
import { ConfigError } from "./ConfigError.ts";
import { lineIn, loadYaml, parseYaml } from "./loadYaml.ts";

/** Check an enabled agent against the floor's own config (its kind's `check`); throws `file:line: field: reason`. */
function checked(file: string, a: AgentFileConfig, floor: FloorConfig): AgentFileConfig {
  const problem = a.enabled ? fileKinds().get(a.kind)?.check?.(a, floor) : undefined;
  if (problem) throw new ConfigError(file, lineIn(file, [...problem.path]), problem.path.join("."), problem.message);
  return a;
}

/** One file of config/agents/, validated against its kind's schema and the floor: a ConfigError says where and why. */
export function loadAgentFile(file: string, floor: FloorConfig): AgentFileConfig {
  return checked(file, loadYaml(file, agentFileSchema()), floor);
}

/** The same for text already read (the watcher reads each file once). */
export function parseAgentFile(file: string, text: string, floor: FloorConfig): AgentFileConfig {
  return checked(file, parseYaml(file, text, agentFileSchema()), floor);
}

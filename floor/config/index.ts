export { ConfigError } from "./ConfigError.ts";
export { loadYaml, parseYaml, lineIn } from "./loadYaml.ts";
export { loadFloorConfig, defaultAgents, agentFiles } from "./loadFloorConfig.ts";
export type { LoadedConfig } from "./loadFloorConfig.ts";
export { agentFileSchema } from "./agentFileSchema.ts";
export { loadAgentFile, parseAgentFile } from "./loadAgentFile.ts";
export { watchAgentFiles } from "./watchAgentFiles.ts";
export { STOP_DEADLINE_MS, STOP_RESERVE_MS } from "./stopDeadline.ts";

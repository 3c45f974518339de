export { ConfigError } from "./ConfigError.ts";
export { loadYaml, parseYaml } from "./loadYaml.ts";
export { loadFloorConfig, DEFAULT_AGENTS } from "./loadFloorConfig.ts";
export type { LoadedConfig } from "./loadFloorConfig.ts";

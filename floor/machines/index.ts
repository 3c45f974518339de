export { machineConfig } from "./machineConfig.ts";
export type { StateConfig, TransitionConfig } from "./machineConfig.ts";
export { toMermaid } from "./toMermaid.ts";
export { AGENT_MACHINES, EXPORTED_MACHINES } from "./agentMachines.ts";

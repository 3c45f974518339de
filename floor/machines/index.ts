export { machineConfig } from "./machineConfig.ts";
export type { StateConfig, TransitionConfig } from "./machineConfig.ts";
export { toMermaid } from "./toMermaid.ts";
export { exportedMachines } from "./agentMachines.ts";

export { machineConfig } from "./machineConfig.ts";
export type { StateConfig, TransitionConfig } from "./machineConfig.ts";
export { toMermaid } from "./toMermaid.ts";
export { exportedMachines } from "./agentMachines.ts";
export { drawMachine } from "./drawMachine.ts";
export type { MachineDrawing } from "./drawMachine.ts";
export { activePaths } from "./activePaths.ts";
export { stateDomId } from "./statechartSvg.ts";

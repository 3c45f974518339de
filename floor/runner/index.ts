export { runFloor, STEP_MS } from "./runFloor.ts";
export type { RunOptions, LiveStatus } from "./runFloor.ts";
export { floorAgents, ROLES } from "./floorAgents.ts";
export type { Role } from "./floorAgents.ts";

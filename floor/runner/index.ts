export { runFloor } from "./runFloor.ts";
export type { RunOptions, LiveStatus, FloorHandles } from "./RunOptions.ts";
export type { FeedHealthView } from "./FeedWatch.ts";
export { feedSummary, clock } from "./feedSummary.ts";
export { floorAgents, roles, agentSpec } from "./floorAgents.ts";
export type { Role } from "./floorAgents.ts";
export { StopBudget } from "./StopBudget.ts";

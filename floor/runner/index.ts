export { runFloor } from "./runFloor.ts";
export { simSource, everySecond, STEP_MS } from "./MarketSource.ts";
export { replaySource, REPLAY_WARMUP_MS } from "./replaySource.ts";
export { liveSource } from "./liveSource.ts";
export { liveOptions } from "./liveOptions.ts";
export type { MarketSource } from "./MarketSource.ts";
export type { RunOptions, LiveStatus } from "./runFloor.ts";
export { floorAgents, ROLES } from "./floorAgents.ts";
export type { Role } from "./floorAgents.ts";

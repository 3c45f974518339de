export type { FloorClock, Clock } from "./FloorClock.ts";
export { WallClock } from "./WallClock.ts";
export { SimClock } from "./SimClock.ts";
export { StepLeader } from "./StepLeader.ts";
export { StepFollower } from "./StepFollower.ts";
export { Wakeup, type WakeEnd } from "./Wakeup.ts";

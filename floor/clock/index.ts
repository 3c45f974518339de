export type { FloorClock, Clock } from "./FloorClock.ts";
export { WallClock } from "./WallClock.ts";
export { SimClock } from "./SimClock.ts";

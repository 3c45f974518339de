export { Recorder } from "./Recorder.ts";
export type { RecorderCounters } from "./Recorder.ts";

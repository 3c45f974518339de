export { chaosMain } from "./chaosMain.ts";
export { runChaos } from "./runChaos.ts";
export type { ChaosReport, DisruptionReport, ChaosCounts } from "./ChaosReport.ts";
export type { InvariantResult } from "./Invariant.ts";

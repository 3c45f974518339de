/** Pure statistics for judging agents: forecast scores, calibration, and honest (cluster bootstrap) intervals. */
export type { Forecast } from "./Forecast.ts";
export type { Interval } from "./Interval.ts";
export { brier } from "./brier.ts";
export { logLoss } from "./logLoss.ts";
export { calibrationTable, type CalibrationBucket } from "./calibrationTable.ts";
export { bootstrapCi, type BootstrapOptions, type BootstrapResult, type BootstrapSettings } from "./bootstrapCi.ts";
export { skillVsMarket, type PairedForecast, type SkillReport } from "./skillVsMarket.ts";
export { meanCi, type MeanCi } from "./meanCi.ts";
export { meanSe, type MeanSe } from "./meanSe.ts";
export { implausibility, MAX_PLAUSIBLE_RETURN_PER_TRADE, type Evidence } from "./implausibility.ts";

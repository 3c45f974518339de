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
export { nelderMead, type NelderMeadOptions, type NelderMeadResult } from "./nelderMead.ts";
export { EwmaVariance, lambdaForHalfLife, halfLifeForLambda, type EwmaVarianceState } from "./ewmaVariance.ts";
export { stepState, pushStep, stepReturns, MAX_GAP_STEPS, type StepState } from "./stepReturns.ts";
export { fitGarch11, garchNext, garchLongRun, garchIntegratedVariance, garchNegLogLik, simulateGarch11, type Garch11, type Garch11Fit, type GarchFitOptions } from "./garch11.ts";
export { isJump, tally, jumpLaw, emptyTally, DEFAULT_JUMP_BOUNDS, type JumpTally, type JumpLaw, type JumpBounds } from "./jumps.ts";

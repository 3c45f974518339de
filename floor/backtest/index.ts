export { backtestReport } from "./backtestReport.ts";
export type { BacktestReport, Agreement } from "./backtestReport.ts";
export { formatBacktestReport } from "./formatBacktestReport.ts";
export { brierScore } from "./brierScore.ts";
export { meanInterval } from "./meanInterval.ts";
export type { MeanInterval } from "./meanInterval.ts";

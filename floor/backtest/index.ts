export { backtestReport } from "./backtestReport.ts";
export type { BacktestReport, Agreement } from "./backtestReport.ts";
export { formatBacktestReport } from "./formatBacktestReport.ts";
export { toPaired } from "./agentResults.ts";

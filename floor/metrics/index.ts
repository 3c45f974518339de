export { FloorMetrics } from "./FloorMetrics.ts";
export { PROM_SERIES, type PromSeries } from "./promSeries.ts";

export { loadDataset, DatasetError } from "./loadDataset.ts";
export { writePolyfloorFormat, readPolyfloorFormat } from "./polyfloorFormat.ts";
export { deriveOutcome, TWAP_RULE_FROM } from "./deriveOutcome.ts";
export type { OutcomeSource, DerivedOutcome } from "./deriveOutcome.ts";
export { priceAt, twapAt, indexAtOrBefore } from "./SpotSeries.ts";
export type { SpotSeries } from "./SpotSeries.ts";
export type { ReplayDataset, ReplayMarket, PriceHistory } from "./ReplayDataset.ts";
export { planReplay } from "./planReplay.ts";
export type { ReplayPlan, PlannedMarket } from "./planReplay.ts";

/** The shared strategy core: what every strategy repeats, and the interfaces a strategy implements. */
export { strategyCore } from "./strategyCore.ts";
export { defineStrategy, type StrategyDef } from "./defineStrategy.ts";
export { entryParams, type EntryDefaults } from "./entryParams.ts";
export { updatable, updatableKeys } from "./updatable.ts";
export { pickEntry, type EntryRules } from "./pickEntry.ts";
export { orderCost } from "./orderCost.ts";
export { reconcile } from "./reconcile.ts";
export { SpotSeries, type SpotPoint, type SpotSeriesState } from "./SpotSeries.ts";
export { SpotTape } from "./SpotTape.ts";
export { MAX_PRINTS, type MarketData } from "./MarketData.ts";
export type { View, Wish, Budget } from "./View.ts";
export type { Strategy, Account, OrderNews, BeliefView } from "./Strategy.ts";
export type { Action, Signal, WorkingOrder } from "./Action.ts";
export type { MarketView, Top, Print, Position, Outcome } from "./MarketView.ts";

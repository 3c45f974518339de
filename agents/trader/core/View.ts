import type { Signal } from "./Action.ts";
import type { MarketData } from "./MarketData.ts";
import type { MarketView, Outcome, Print } from "./MarketView.ts";
import type { SpotPoint } from "./SpotSeries.ts";

/** What a planning strategy may spend now (micro-USD): its bankroll and what working orders do not already hold. */
export interface Budget {
  bankroll: number;
  free: number;
}

/** An order a planning strategy wants in the window it follows (the core fills in market and token ids). */
export type Wish = Omit<Signal, "marketId" | "tokenId">;

/**
 * A strategy's view of the market: all a strategy supplies. The shared core (strategyCore.ts)
 * does the rest: it keeps the data, checks the window, applies the entry rules, sizes, budgets,
 * and publishes the belief. A view is either
 * - directional: `pUp` is its probability that the window resolves Up; the core buys the side
 *   that belief prices above the book by `minEdge` after fees, sized by fractional Kelly, when
 *   `fires` (default: always); or
 * - planning: `plan` names the orders it wants now (quotes, legs); the core keeps working those
 *   that match, cancels the rest and places the new ones within the budget.
 * Either may have a belief (`pUp`), which is published and scored against the market.
 */
export interface View {
  /** Seconds of spot history the core keeps for it. */
  readonly horizonSec: number;
  /** Most entries per window (directional); 1 by default. */
  readonly perWindow?: number;
  pUp?(d: MarketData, now: number): number | undefined;
  fires?(d: MarketData, now: number): boolean;
  plan?(d: MarketData, now: number, budget: Budget): Wish[];
  /** Enough history to judge (default: spot spans half the horizon). */
  ready?(d: MarketData): boolean;
  onSpot?(d: MarketData, p: SpotPoint): void;
  onTrade?(d: MarketData, p: Print): void;
  onMarket?(d: MarketData, m: MarketView | null): void;
  onResolved?(d: MarketData, marketId: string, outcome: Outcome): void;
  describe?(): Record<string, unknown>;
  save?(): unknown;
  restore?(state: unknown): void;
}

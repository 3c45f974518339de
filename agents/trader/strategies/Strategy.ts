import type { FeeSchedule, IntentFields, Outcome } from "../../../protocols/index.ts";

/** The market window a strategy is trading, as it learned it from `md.market.*.open`. */
export interface MarketView {
  marketId: string;
  upTokenId: string;
  downTokenId: string;
  /** Strike in USD (float: a model input, never summed). */
  strike: number;
  startTs: number;
  endTs: number;
  fee: FeeSchedule;
  tickSize: number;
  minSize: number;
}

/** A strategy's belief about the window it follows. */
export interface BeliefView {
  marketId: string;
  startTs: number;
  pUp: number;
}

/** What a strategy wants to buy; the trader turns it into an intent. */
export type Signal = Pick<IntentFields, "marketId" | "tokenId" | "outcome" | "side" | "type" | "price" | "size" | "belief">;

/**
 * A strategy is a plain object fed by the host on every tick (no state machine per tick):
 * it keeps its own running view and answers `decide` when asked.
 */
export interface Strategy {
  onSpot(priceUsd: number, ts: number): void;
  onMarket(m: MarketView | null): void;
  /** Top of the Up token's book for `marketId`; books of other markets are ignored. */
  onBook(marketId: string, bestBid: number | undefined, bestAsk: number | undefined): void;
  /** True once it has enough history to judge. */
  ready(): boolean;
  decide(now: number, cashMicro: number): Signal | undefined;
  /** Its probability that the window it follows resolves Up, when it has one (scored against the market's price). */
  belief?(now: number): BeliefView | undefined;
  /** For diagnostics and the dashboard. */
  describe(): Record<string, unknown>;
  /** Its running view, for an exact sim resume; `restore` puts it back. */
  save(): unknown;
  restore(state: unknown): void;
}

export type { Outcome };

import type { FeeSchedule, Outcome } from "../../../protocols/index.ts";

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

/** The top of the window's Up book (micro-USD prices, micro-share sizes), and when it came. */
export interface Top {
  bid: number | undefined;
  ask: number | undefined;
  bidSize: number;
  askSize: number;
  ts: number;
}

/** A public trade print of the window, in Up terms: `price` is the Up price, `up` whether the taker bought Up (or sold Down). */
export interface Print {
  ts: number;
  price: number;
  size: number;
  up: boolean;
  /**
   * Who published it (the envelope's `src`), when the host knows: the feed for the public's trades,
   * the paper exchange for the floor's own taker fills, which it prints as market trades too.
   */
  src?: string;
}

/** Shares held in the window (micro-shares). */
export interface Position {
  up: number;
  down: number;
}

export type { Outcome };

import type { FeeSchedule, Level, OrderType, Outcome, Side } from "../../../protocols/index.ts";

export type { Outcome, Side };
/** The order types the CLOB takes. */
export type EngineOrderType = OrderType;

/** An order as the floor sends it: price in micro-USD of `outcome`'s token, size in micro-shares. */
export interface EngineOrder {
  orderId: string;
  side: Side;
  outcome: Outcome;
  price: number;
  size: number;
  type: EngineOrderType;
  postOnly?: boolean;
  /** GTD only: the clock time (same unit as `now`) at which the order is cancelled. */
  expiresAt?: number;
}

export interface EngineConfig {
  /** Tick size in micro-USD (0.01 = 10_000). */
  tickSize: number;
  /** Minimum order size in micro-shares. */
  minSize: number;
  fee: FeeSchedule;
  /** Share of the counterparty's taker fee paid back to us as maker (0.2 on crypto markets). */
  rebateRate: number;
  /**
   * Replay of recorded prices: a submit that reaches the venue at t waits for the first snapshot
   * stamped after t and meets that book, never one recorded before it (docs/DATA.md, "Fills").
   */
  freshQuotes?: boolean;
}

/** The Up token's book: bids best first (descending), asks best first (ascending). */
export interface UpBookView {
  bids: Level[];
  asks: Level[];
}

/** A public print. `side` is the taker's side; `outcome` is the token it printed on (default Up). */
export interface Print {
  price: number;
  size: number;
  side: Side;
  outcome?: Outcome;
}

export interface Snapshot {
  bids: readonly Level[];
  asks: readonly Level[];
  /** When present and different from the engine's, a tick size change is applied first. */
  tickSize?: number;
  minSize?: number;
}

export type CancelReason = "fak-remainder" | "expired" | "tick-size-change" | "user-cancel" | "market-closed";

/** How a fill came about: our order took the book, a public print reached it, or the book crossed it. */
export type FillCause = "take" | "print" | "cross";

export type EngineEvent =
  | { type: "ack"; at: number; orderId: string }
  | { type: "rest"; at: number; orderId: string; price: number; remaining: number; ahead: number }
  | {
      type: "fill";
      at: number;
      orderId: string;
      fillId: string;
      outcome: Outcome;
      side: Side;
      /** Price in `outcome`'s terms (a Down fill at c is an Up trade at 1 − c). */
      price: number;
      size: number;
      liquidity: "maker" | "taker";
      cause: FillCause;
      feeShares: number;
      feeUsd: number;
      /** Rebate accrued on this fill, micro-USD: the maker rebate, or a taker rebate when the schedule has one. Not included in cashDelta. */
      rebate: number;
      cashDelta: number;
      sharesDelta: number;
    }
  | { type: "cancel"; at: number; orderId: string; remaining: number; reason: CancelReason }
  | { type: "reject"; at: number; orderId: string; request: "submit" | "cancel"; reason: string };

export type FillEvent = Extract<EngineEvent, { type: "fill" }>;

/** A resting order as the engine sees it (read-only copy). */
export interface RestingView {
  orderId: string;
  outcome: Outcome;
  side: Side;
  price: number;
  size: number;
  filled: number;
  remaining: number;
  /** External size ahead of this order at its level (our own earlier orders are not counted). */
  ahead: number;
  /** Where it sits on the Up book. */
  upSide: Side;
  upPrice: number;
  type: EngineOrderType;
  expiresAt?: number;
  arrivedAt: number;
}

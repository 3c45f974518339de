import type { FeeSchedule, IntentFields } from "../../../protocols/index.ts";

/**
 * What the ledger and the boss's own book say when an intent arrives (micro-units). Open costs
 * count filled positions and the buys the boss has approved that are still working.
 */
export interface Exposure {
  floorCapital: number;
  /** Capital allocated to the agent; 0 means it has none. */
  allocated: number;
  /** The agent's cash not already held by its working buys. */
  agentCash: number;
  agentOpenCost: number;
  floorOpenCost: number;
  /** Open in the intent's market, Up and Down together, every agent's. */
  marketOpenCost: number;
  /** Open in every window of the market's underlying, every agent's. */
  underlyingOpenCost: number;
  /** The market's underlying (its spot symbol), for reasons. */
  symbol: string;
  /** Shares of the intent's outcome the agent holds in its market: a sell of at most these reduces exposure. */
  heldShares: number;
  /** The market's minimum order size (micro-shares): a resized order is never smaller. */
  minSize: number;
  /** How old the newest spot tick and the intent's market book are (ms of floor time), and the limit. */
  spotAgeMs: number;
  bookAgeMs: number;
  dataLimitMs: number;
  /** The intent's market's fee schedule, when known: a pUSD fee is part of what a buy costs. */
  fee?: FeeSchedule | undefined;
}

/** The trading state of the floor or of an agent (docs/BOSS.md, "Risk gate"). */
export type Mode = "active" | "reducing" | "halted";

/** A trading state and, when not active, why (the breaker's reason). */
export interface ModeOf {
  mode: Mode;
  reason?: string | undefined;
}

/** What the boss's state adds: the floor's and the agent's trading state, and the venue's rate buckets' tokens now. */
export interface GateState {
  floor: ModeOf;
  agent: ModeOf;
  orderTokens: number;
  cancelTokens: number;
}

export type GateIntent = Pick<IntentFields, "side" | "price" | "size" | "belief" | "type"> & Partial<Pick<IntentFields, "postOnly">>;

/** Approved as asked, approved at a smaller size (with why), or rejected (with why). */
export type Verdict = { approved: true; resize?: { size: number; reason: string } } | { approved: false; reason: string };

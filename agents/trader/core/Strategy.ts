import type { Action, Signal } from "./Action.ts";
import type { MarketView, Outcome, Top } from "./MarketView.ts";
import type { SpotTape } from "./SpotTape.ts";

/** A strategy's belief about the window it follows. */
export interface BeliefView {
  marketId: string;
  startTs: number;
  pUp: number;
}

/** What the trader tells the core when it decides: its money (micro-USD) and whether it may add exposure. */
export interface Account {
  cash: number;
  /** Its allocation: the bankroll never exceeds it. */
  capital: number;
  /** `reducing`: only exposure-reducing orders (sells of what it holds) and cancels. */
  mode: "trading" | "reducing";
}

/** News of the trader's own orders, from `order.event.<id>` and the boss's decisions. */
export type OrderNews =
  | { type: "fill"; intentId: string; marketId: string; outcome: Outcome; size: number; sharesDelta: number }
  | { type: "done"; intentId: string }
  /** The boss approved the order at a smaller size: that is the size working. */
  | { type: "resized"; intentId: string; size: number }
  | { type: "settle"; marketId: string };

/**
 * A strategy as the trader's host drives it: a plain object fed on every tick (no state machine
 * per tick), asked to `decide` on each book of the window it follows. Made by the shared core
 * from a strategy's view (strategyCore.ts).
 */
export interface Strategy {
  /** Read spot from `tape`, the floor's for the trader's symbol, rather than a tape of its own: before the first tick and before `restore`. */
  useTape(tape: SpotTape): void;
  /** The strategy is done with (its trader stopped): its spot tape no longer keeps points for it. */
  leave(): void;
  /** A spot tick; `id` (its message id) makes pushing it onto a shared tape idempotent. */
  onSpot(priceUsd: number, ts: number, volume?: number, id?: string): void;
  onMarket(m: MarketView | null): void;
  onResolved(marketId: string, outcome: Outcome): void;
  /** A book of `marketId` (the Up token's, or the Down token's own when `tokenId` is its downTokenId); books of other markets are ignored. */
  onBook(marketId: string, top: Top, tokenId?: string): void;
  /** A public print of `marketId`; `src` is its publisher (the envelope's), when known. */
  onTrade(marketId: string, tokenId: string, price: number, size: number, side: "BUY" | "SELL", ts: number, src?: string): void;
  onOrder(news: OrderNews): void;
  /** The trader placed an order the core asked for, under this id. */
  placed(intentId: string, order: Signal): void;
  ready(): boolean;
  decide(now: number, account: Account): readonly Action[];
  belief(now: number): BeliefView | undefined;
  describe(): Record<string, unknown>;
  save(): unknown;
  restore(state: unknown): void;
}

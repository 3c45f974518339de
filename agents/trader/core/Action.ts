import type { IntentFields } from "../../../protocols/index.ts";

/** An order a strategy wants: the intent's fields but its ids (the trader names each intent). */
export type Signal = Pick<IntentFields, "marketId" | "tokenId" | "outcome" | "side" | "type" | "price" | "size" | "belief"> &
  Partial<Pick<IntentFields, "postOnly" | "expiresAt">>;

/** An order the strategy asked for and the venue may still be working (micro-units). */
export interface WorkingOrder {
  intentId: string;
  order: Signal;
  filled: number;
  /** A cancel has gone out for it. */
  cancelling: boolean;
}

/**
 * What the core asks the trader to do: place an order (`perWindow` is the strategy's entry limit
 * in that window, which the trader's machine holds across restarts), or take working orders back
 * (all of the market's without `intentId`).
 */
export type Action =
  | { type: "order"; order: Signal; perWindow?: number }
  | { type: "cancel"; marketId: string; intentId?: string; reason: string };

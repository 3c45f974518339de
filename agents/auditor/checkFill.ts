import type { OrderFill } from "../../protocols/index.ts";

export interface ApprovedOrder {
  side: "BUY" | "SELL";
  price: number;
  size: number;
}

/** Rules every fill must keep: it answers an approved order, within its limit and size. */
export function checkFill(fill: Pick<OrderFill, "price" | "size" | "side">, approved: ApprovedOrder | undefined, filledBefore: number): string | undefined {
  if (!approved) return "fill without an approved decision";
  if (fill.side !== approved.side) return `fill side ${fill.side} differs from the approved ${approved.side}`;
  if (fill.side === "BUY" ? fill.price > approved.price : fill.price < approved.price) return `fill price ${fill.price} beyond the limit ${approved.price}`;
  if (filledBefore + fill.size > approved.size) return `fills total ${filledBefore + fill.size} over the approved size ${approved.size}`;
  return undefined;
}

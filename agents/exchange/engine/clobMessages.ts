import { MICRO } from "../../../protocols/index.ts";
import type { EngineOrder } from "./types.ts";

/** A micro-unit amount as the CLOB prints decimals: 0.5, 0.001, 5 (no trailing zeros). */
export function decimal(micro: number): string {
  const sign = micro < 0 ? "-" : "";
  const abs = Math.abs(micro);
  const frac = String(abs % MICRO).padStart(6, "0").replace(/0+$/, "");
  return `${sign}${Math.floor(abs / MICRO)}${frac ? `.${frac}` : ""}`;
}

/**
 * The CLOB's own error strings (Polymarket docs "Order Processing Errors" and clob-client's
 * `priceValid`): matched as text by our traders and dashboards, so keep the wording exact.
 */
export const clobMessages = {
  tick: (id: string, price: number, tick: number) => `order ${id} is invalid. Price (${decimal(price)}) breaks minimum tick size rule: ${decimal(tick)}`,
  priceRange: (price: number, tick: number) => `invalid price (${decimal(price)}), min: ${decimal(tick)} - max: ${decimal(MICRO - tick)}`,
  minSize: (id: string, size: number, min: number) => `order ${id} is invalid. Size (${decimal(size)}) lower than the minimum: ${decimal(min)}`,
  duplicated: (id: string) => `order ${id} is invalid. Duplicated.`,
  postOnlyType: "invalid post-only order: only GTC and GTD order types are allowed",
  postOnlyCrosses: "invalid post-only order: order crosses book",
  expiration: "invalid expiration",
  fokNotFilled: "order couldn't be fully filled. FOK orders are fully filled or killed.",
  fakNoMatch: "no orders found to match with FAK order. FAK orders are partially filled or killed if no match is found.",
  /** Not a CLOB string (DELETE /order reports `not_canceled` with a reason); ours for a cancel of an unknown order. */
  notFound: (id: string) => `order ${id} not found`,
} as const;

/** Venue-side validation at arrival; undefined when the order is acceptable. */
export function clobCheck(o: EngineOrder, market: { tickSize: number; minSize: number }, now: number): string | undefined {
  if (o.postOnly && (o.type === "FOK" || o.type === "FAK")) return clobMessages.postOnlyType;
  if (!Number.isSafeInteger(o.price) || o.price < market.tickSize || o.price > MICRO - market.tickSize) return clobMessages.priceRange(o.price, market.tickSize);
  if (o.price % market.tickSize !== 0) return clobMessages.tick(o.orderId, o.price, market.tickSize);
  if (!Number.isSafeInteger(o.size) || o.size <= 0 || o.size < market.minSize) return clobMessages.minSize(o.orderId, o.size, market.minSize);
  if (o.type === "GTD" && (o.expiresAt === undefined || o.expiresAt <= now)) return clobMessages.expiration;
  return undefined;
}

/**
 * The CLOB's answer once it has looked at the book, given the size that crosses the order's price
 * (`crossingSize`): undefined when the order may trade and rest.
 */
export function matchCheck(o: EngineOrder, crossing: number): string | undefined {
  if (o.postOnly && crossing > 0) return clobMessages.postOnlyCrosses;
  if (o.type === "FOK" && crossing < o.size) return clobMessages.fokNotFilled;
  if (o.type === "FAK" && crossing === 0) return clobMessages.fakNoMatch;
  return undefined;
}

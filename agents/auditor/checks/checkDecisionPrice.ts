import type { Broken } from "./Broken.ts";

const ONE = 1_000_000;

/**
 * An approved limit price must be a price the venue can quote: strictly between 0 and 1 and on
 * the market's tick grid (`tick` in micro; undefined when the auditor knows no tick for the market,
 * then only the range is checked).
 */
export function checkDecisionPrice(price: number, tick: number | undefined): Broken | undefined {
  if (price <= 0 || price >= ONE) return { rule: "price.range", allowed: "0 < price < 1000000", actual: price, reason: `limit price ${price} outside (0, 1)` };
  if (tick !== undefined && tick > 0 && price % tick !== 0) return { rule: "price.tick", allowed: tick, actual: price, reason: `limit price ${price} off the tick grid ${tick}` };
  return undefined;
}

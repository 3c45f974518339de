import { describe, expect, it } from "vitest";
import { orderCost } from "./orderCost.ts";

describe("orderCost", () => {
  it("is a buy's notional plus its pUSD taker fee, rounded to 5 decimals", () => {
    // 100 shares at 0.51: 51.00 + 100 × 0.07 × 0.51 × 0.49 = 1.7493 → 52.7493
    expect(orderCost("BUY", 510_000, 100_000_000, { rate: 0.07, exponent: 1, takerOnly: true })).toBe(52_749_300);
    expect(orderCost("BUY", 510_000, 100_000_000, undefined)).toBe(51_000_000);
  });
  it("is nothing for a sell, and no cash fee under a fee taken in shares", () => {
    expect(orderCost("SELL", 510_000, 100_000_000, { rate: 0.07, exponent: 1, takerOnly: true })).toBe(0);
    expect(orderCost("BUY", 510_000, 100_000_000, { rate: 0.07, exponent: 1, takerOnly: true, currency: "shares" })).toBe(51_000_000);
  });
});

import { describe, expect, it } from "vitest";
import { checkFill } from "./checkFill.ts";

const approved = { side: "BUY" as const, price: 520_000, size: 10_000_000 };

describe("checkFill", () => {
  it("passes a fill inside the approved order", () => {
    expect(checkFill({ side: "BUY", price: 510_000, size: 4_000_000 }, approved, 6_000_000)).toBeUndefined();
  });
  it("flags fills without approval, past the limit or over the size", () => {
    expect(checkFill({ side: "BUY", price: 510_000, size: 1 }, undefined, 0)).toMatch(/without an approved/);
    expect(checkFill({ side: "BUY", price: 530_000, size: 1 }, approved, 0)).toMatch(/beyond the limit/);
    expect(checkFill({ side: "BUY", price: 520_000, size: 5_000_000 }, approved, 6_000_000)).toMatch(/over the approved size/);
    expect(checkFill({ side: "SELL", price: 520_000, size: 1 }, approved, 0)).toMatch(/side/);
  });
  it("passes a fill whose cash and shares are its notional and fee, in either fee currency", () => {
    // 4 shares at 0.51, fee 4 × 0.07 × 0.51 × 0.49 = 0.069972 (pUSD: 0.06997)
    const base = { side: "BUY" as const, price: 510_000, size: 4_000_000 };
    expect(checkFill({ ...base, feeShares: 0, feeUsd: 69_970, cashDelta: -2_109_970, sharesDelta: 4_000_000 }, approved, 0)).toBeUndefined();
    expect(checkFill({ ...base, feeShares: 69_972, feeUsd: 0, cashDelta: -2_040_000, sharesDelta: 3_930_028 }, approved, 0)).toBeUndefined();
    const sell = { side: "SELL" as const, price: 510_000, size: 4_000_000 };
    expect(checkFill({ ...sell, feeShares: 0, feeUsd: 69_970, cashDelta: 1_970_030, sharesDelta: -4_000_000 }, { ...approved, side: "SELL", price: 500_000 }, 0)).toBeUndefined();
  });
  it("flags a fill whose money does not add up, or that charges its fee twice", () => {
    const base = { side: "BUY" as const, price: 510_000, size: 4_000_000 };
    // a pUSD fee reported but not taken from cash
    expect(checkFill({ ...base, feeShares: 0, feeUsd: 69_970, cashDelta: -2_040_000, sharesDelta: 4_000_000 }, approved, 0)).toMatch(/its notional and fee make -2109970 and 4000000/);
    expect(checkFill({ ...base, feeShares: 69_972, feeUsd: 69_970, cashDelta: -2_109_970, sharesDelta: 3_930_028 }, approved, 0)).toMatch(/twice/);
    expect(checkFill({ side: "SELL", price: 510_000, size: 4_000_000, feeShares: 10, feeUsd: 0, cashDelta: 2_040_000, sharesDelta: -4_000_000 }, { ...approved, side: "SELL", price: 500_000 }, 0)).toMatch(/sell's fee taken in shares/);
  });
});

import { describe, expect, it } from "vitest";
import { takerFee } from "./takerFee.ts";

const V2 = { rate: 0.07, exponent: 1, takerOnly: true };
const JAN_2026 = { rate: 0.25, exponent: 2, takerOnly: true, currency: "shares" as const };

describe("takerFee", () => {
  it("reproduces the published V2 example in pUSD on both sides: 100 shares at 0.50, rate 0.07, exponent 1 cost $1.75", () => {
    expect(takerFee("BUY", 100_000_000, 500_000, { ...V2, currency: "usd" })).toEqual({ feeShares: 0, feeUsd: 1_750_000 });
    expect(takerFee("SELL", 100_000_000, 500_000, { ...V2, currency: "usd" })).toEqual({ feeShares: 0, feeUsd: 1_750_000 });
  });
  it("takes pUSD when the schedule names no currency (the current venue docs)", () => {
    expect(takerFee("BUY", 100_000_000, 500_000, V2)).toEqual({ feeShares: 0, feeUsd: 1_750_000 });
  });
  it("takes a buy's fee in shares under the shares reading: rate 0.25, exponent 2, 100 shares at 0.50 pays 1.5625 shares", () => {
    expect(takerFee("BUY", 100_000_000, 500_000, JAN_2026)).toEqual({ feeShares: 1_562_500, feeUsd: 0 });
    expect(takerFee("SELL", 100_000_000, 500_000, JAN_2026)).toEqual({ feeShares: 0, feeUsd: 1_562_500 });
  });
  it("rounds pUSD fees to 5 decimals (10 micro-units), half up, and share fees to the micro-unit", () => {
    // 1 share at 0.51: 0.07 × 0.51 × 0.49 = 0.017493 → 0.01749
    expect(takerFee("BUY", 1_000_000, 510_000, V2).feeUsd).toBe(17_490);
    // 1 share at 0.333: 0.0155477… → 0.01555
    expect(takerFee("SELL", 1_000_000, 333_000, V2).feeUsd).toBe(15_550);
    // 0.0001 share at 0.50 owes 0.00000175: under half the smallest fee, so none
    expect(takerFee("BUY", 100, 500_000, V2).feeUsd).toBe(0);
    // 0.0003 share at 0.50 owes 0.00000525: the smallest fee, 0.00001
    expect(takerFee("BUY", 300, 500_000, V2).feeUsd).toBe(10);
    expect(takerFee("BUY", 1_000_000, 510_000, { ...V2, currency: "shares" }).feeShares).toBe(17_493);
  });
  it("is symmetric in p and 1−p and charges makers nothing on taker-only schedules", () => {
    expect(takerFee("BUY", 10_000_000, 100_000, V2)).toEqual(takerFee("BUY", 10_000_000, 900_000, V2));
    expect(takerFee("BUY", 10_000_000, 500_000, V2, "maker")).toEqual({ feeShares: 0, feeUsd: 0 });
    expect(takerFee("BUY", 10_000_000, 500_000, { ...V2, rate: 0 })).toEqual({ feeShares: 0, feeUsd: 0 });
  });
});

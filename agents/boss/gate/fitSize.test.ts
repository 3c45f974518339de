import { describe, expect, it } from "vitest";
import { buyCost } from "./buyCost.ts";
import { fitSize } from "./fitSize.ts";

const M = 1_000_000;
const fee = { rate: 0.07, exponent: 1, takerOnly: true };

describe("fitSize", () => {
  it("takes the largest whole hundredth of a share within the budget", () => {
    expect(fitSize(500_000, 401 * M, undefined, 200 * M, 5 * M)).toBe(400 * M);
    // 0.37 a share: $100 buys 270.27 shares, rounded down to the step.
    expect(fitSize(370_000, 1_000 * M, undefined, 100 * M, 5 * M)).toBe(270_270_000);
    // With the pUSD fee at 0.37 (0.07 × 0.37 × 0.63 = 0.016317 a share): 0.386317 a share, 258.85 shares for $100.
    const n = fitSize(370_000, 1_000 * M, fee, 100 * M, 5 * M)!;
    expect(n).toBe(258_850_000);
    expect(buyCost(370_000, n, fee)).toBeLessThanOrEqual(100 * M);
    expect(buyCost(370_000, n + 10_000, fee)).toBeGreaterThan(100 * M);
  });
  it("never asks for more than was asked, nor less than the minimum size", () => {
    expect(fitSize(500_000, 10 * M, undefined, 1_000 * M, 5 * M)).toBe(10 * M);
    expect(fitSize(500_000, 10 * M, undefined, 2 * M, 5 * M)).toBeUndefined();
    expect(fitSize(500_000, 4 * M, undefined, 100 * M, 5 * M)).toBeUndefined();
    expect(fitSize(500_000, 10 * M, undefined, -1, 0)).toBeUndefined();
  });
});

import { describe, expect, it } from "vitest";
import { createRng } from "../random/createRng.ts";
import { meanCi } from "./meanCi.ts";
import { meanSe } from "./meanSe.ts";

describe("meanCi", () => {
  it("works out by hand for two values: resampled means −1, 1, 3, so the sum's interval is −2 to 6", () => {
    expect(meanCi([-1, 3], { seed: 1 })).toEqual({
      n: 2,
      mean: { estimate: 1, lo: -1, hi: 3, resamples: 2000 },
      sum: { estimate: 2, lo: -2, hi: 6, resamples: 2000 },
    });
  });

  it("agrees with the normal approximation on skewed per-market PnL, and both contain the true mean", () => {
    // Lose 1 four times in five, win 5 once: true mean 0.2, standard deviation 2.4.
    const rng = createRng(4);
    const pnl = Array.from({ length: 600 }, () => (rng.next() < 0.2 ? 5 : -1));
    const boot = meanCi(pnl, { seed: 2 })!;
    const normal = meanSe(pnl)!;
    for (const ci of [boot.mean, normal]) {
      expect(ci.lo).toBeLessThan(0.2);
      expect(ci.hi).toBeGreaterThan(0.2);
    }
    expect(normal.se).toBeCloseTo(2.4 / Math.sqrt(600), 2);
    const ratio = (boot.mean.hi - boot.mean.lo) / (normal.hi - normal.lo);
    expect(ratio).toBeGreaterThan(0.85);
    expect(ratio).toBeLessThan(1.15);
    expect(boot.sum.hi).toBeCloseTo(boot.mean.hi * 600, 9);
  });

  it("is null for no values, unbounded for one, and refuses a non-finite value", () => {
    expect(meanCi([], { seed: 1 })).toBeNull();
    expect(meanCi([7], { seed: 1 })?.sum).toEqual({ estimate: 7, lo: -Infinity, hi: Infinity, resamples: 0 });
    expect(() => meanCi([1, Number.NaN], { seed: 1 })).toThrow(RangeError);
  });
});

describe("meanSe", () => {
  it("is the mean ± 1.96 sample standard errors: 1, 2, 3, 4 give 2.5 ± 1.96·√(5/3/4)", () => {
    const r = meanSe([1, 2, 3, 4])!;
    expect(r.n).toBe(4);
    expect(r.mean).toBe(2.5);
    expect(r.se).toBeCloseTo(0.645497, 6);
    expect(r.lo).toBeCloseTo(1.2348255, 6);
    expect(r.hi).toBeCloseTo(3.7651745, 6);
  });
  it("is null for no values and unbounded for one", () => {
    expect(meanSe([])).toBeNull();
    expect(meanSe([7])).toEqual({ n: 1, mean: 7, se: Infinity, estimate: 7, lo: -Infinity, hi: Infinity });
  });
});

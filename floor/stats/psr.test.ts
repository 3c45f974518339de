import { describe, expect, it } from "vitest";
import { psr } from "./psr.ts";

describe("psr", () => {
  it("reproduces mlfinlab's test: PSR(1.14, 1, 250, 0, 3) = 0.95727 (scipy: 0.9572779)", () => {
    expect(psr(1.14, 1, 250, 0, 3)).toBeCloseTo(0.9572779, 6);
  });

  // "The Sharpe Ratio Efficient Frontier" (2012), as encoded in rubenbriones/Probabilistic-Sharpe-Ratio tests.
  it("reproduces the SR Efficient Frontier examples: monthly SR 0.458 over 24 months, normal 0.982, skewed 0.913", () => {
    expect(psr(0.458, 0, 24)).toBeCloseTo(0.98167, 5);
    expect(psr(0.458, 0, 24, -2.448, 10.164)).toBeCloseTo(0.91336, 5);
  });

  it("is 0.5 at the benchmark, and below two observations, and symmetric about it for a normal", () => {
    expect(psr(0.3, 0.3, 500)).toBeCloseTo(0.5, 7);
    expect(psr(2, 0, 1)).toBe(0.5);
    expect(psr(-0.1, 0, 400)).toBeCloseTo(1 - psr(0.1, 0, 400), 6);
  });

  it("rises with the record's length and falls with negative skew", () => {
    expect(psr(0.05, 0, 1000)).toBeGreaterThan(psr(0.05, 0, 100));
    expect(psr(0.3, 0, 50, -3, 10)).toBeLessThan(psr(0.3, 0, 50));
  });

  it("is decided by the sign of sr − sr* when the moments leave no estimation error", () => {
    expect(psr(1, 0, 10, 5, 1)).toBe(1);
    expect(psr(1, 2, 10, 5, 1)).toBe(0);
  });
});

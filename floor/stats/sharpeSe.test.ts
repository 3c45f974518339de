import { describe, expect, it } from "vitest";
import { sharpeSe, sharpeVarianceFactor } from "./sharpeSe.ts";

describe("sharpeSe", () => {
  // Bailey & López de Prado, "The Sharpe Ratio Efficient Frontier" (2012), the HFRI example, as
  // encoded in rubenbriones/Probabilistic-Sharpe-Ratio tests (research-2026-12 §1): 134 months.
  it.each([
    [0.7079, -0.225, 2.957, 0.1028],
    [0.8183, -1.4455, 7.0497, 0.155],
  ])("HFRI: SR %s, skew %s, kurt %s over 134 months has σ(SR) %s", (sr, skew, kurt, se) => {
    expect(sharpeSe(sr, 134, skew, kurt)).toBeCloseTo(se, 4);
  });

  it("is √((1 + SR²/2)/(n − 1)) for a normal, and infinite below two observations", () => {
    expect(sharpeSe(0.5, 101)).toBeCloseTo(Math.sqrt(1.125 / 100), 12);
    expect(sharpeSe(0.5, 1)).toBe(Infinity);
  });

  it("takes raw kurtosis: a normal's 3 adds SR²/2, and inconsistent moments floor the factor at 0", () => {
    expect(sharpeVarianceFactor(0.2)).toBeCloseTo(1 + 0.02, 12);
    expect(sharpeVarianceFactor(1, 5, 1)).toBe(0); // kurt 1 < skew² + 1: no distribution has these
    expect(() => sharpeVarianceFactor(Number.NaN)).toThrow(RangeError);
  });
});

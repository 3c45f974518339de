import { describe, expect, it } from "vitest";
import { expectedMaxSharpe } from "./expectedMaxSharpe.ts";

describe("expectedMaxSharpe", () => {
  // Bailey & López de Prado, "The Deflated Sharpe Ratio" (2014), numerical example: the variance of
  // the trials' Sharpe ratios is ½ annualised, 0.002 daily (research-2026-12 §1).
  it.each([
    [100, 0.11317],
    [46, 0.10036],
  ])("the DSR paper: N = %s trials of daily variance 0.002 give SR₀ = %s", (n, sr0) => {
    expect(expectedMaxSharpe({ sd: Math.sqrt(0.002), n })).toBeCloseTo(sr0, 5);
  });

  it("pins ddof = 0: mlfinlab's trials 3.5, 1.01, 1.02 give SR₀ 0.99902; the sample sd (ddof 1) would give 1.2235", () => {
    const trials = [3.5, 1.01, 1.02];
    expect(expectedMaxSharpe(trials)).toBeCloseTo(0.99902, 5);
    const mean = trials.reduce((s, x) => s + x, 0) / 3;
    const sampleSd = Math.sqrt(trials.reduce((s, x) => s + (x - mean) ** 2, 0) / 2);
    expect(expectedMaxSharpe({ sd: sampleSd, n: 3 })).toBeCloseTo(1.22354, 5);
  });

  it("is 0 for a single trial (nothing was selected), grows with the count, and refuses no trials", () => {
    expect(expectedMaxSharpe([0.7])).toBe(0);
    expect(expectedMaxSharpe({ sd: 0.1, n: 1 })).toBe(0);
    expect(expectedMaxSharpe({ sd: 0.1, n: 1000 })).toBeGreaterThan(expectedMaxSharpe({ sd: 0.1, n: 10 }));
    expect(expectedMaxSharpe([0.2, 0.2, 0.2])).toBeCloseTo(0, 12); // identical trials: no spread to select from
    expect(() => expectedMaxSharpe([])).toThrow(RangeError);
    expect(() => expectedMaxSharpe({ sd: -1, n: 5 })).toThrow(RangeError);
  });
});

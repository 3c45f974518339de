import { describe, expect, it } from "vitest";
import { dsr } from "./dsr.ts";
import { psr } from "./psr.ts";

describe("dsr", () => {
  // "The Deflated Sharpe Ratio" (2014), numerical example: annual SR 2.5 over 5 years of daily
  // returns (SR 2.5/√250 a day, T 1250), skew −3, kurt 10, trials of daily variance 0.002.
  it.each([
    [100, 0.9004],
    [46, 0.9505],
  ])("the DSR paper: N = %s trials give DSR %s", (n, expected) => {
    expect(dsr(2.5 / Math.sqrt(250), { sd: Math.sqrt(0.002), n }, 1250, -3, 10)).toBeCloseTo(expected, 4);
  });

  it("reproduces mlfinlab's test: DSR(1.14, [3.5, 1.01, 1.02], 250, 0, 3) = 0.95836, with ddof 0 (ddof 1 would give 0.152)", () => {
    expect(dsr(1.14, [3.5, 1.01, 1.02], 250, 0, 3)).toBeCloseTo(0.9583658, 6); // mlfinlab asserts 0.95836
    expect(dsr(1.14, { sd: 1.4347241314, n: 3 }, 250, 0, 3)).toBeCloseTo(0.15238, 5); // the sample sd of the same trials
  });

  it("is the plain PSR against 0 for a single trial, and deflates more as trials multiply", () => {
    expect(dsr(0.1, [0.1], 500)).toBe(psr(0.1, 0, 500));
    const few = dsr(0.1, { sd: 0.04, n: 5 }, 500);
    const many = dsr(0.1, { sd: 0.04, n: 500 }, 500);
    expect(many).toBeLessThan(few);
  });
});

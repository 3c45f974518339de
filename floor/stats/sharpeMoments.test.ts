import { describe, expect, it } from "vitest";
import { sharpeMoments } from "./sharpeMoments.ts";

describe("sharpeMoments", () => {
  it("pins ddof = 1 for the sd and biased skew and raw kurtosis: 1, 2, 3, 4 by hand", () => {
    const m = sharpeMoments([1, 2, 3, 4]);
    expect(m.n).toBe(4);
    expect(m.mean).toBe(2.5);
    expect(m.sd).toBeCloseTo(Math.sqrt(5 / 3), 12); // ddof = 0 would give √1.25
    expect(m.sr).toBeCloseTo(2.5 / Math.sqrt(5 / 3), 12);
    expect(m.skew).toBeCloseTo(0, 12);
    expect(m.kurt).toBeCloseTo(2.5625 / 1.5625, 12); // m₄ 2.5625 over m₂² 1.25²: 1.64, raw (excess would be −1.36)
  });

  it("gives a binary payoff's skew 2/√3 and kurt skew² + 1: 0, 0, 0, 1", () => {
    const m = sharpeMoments([0, 0, 0, 1]);
    expect(m.skew).toBeCloseTo(2 / Math.sqrt(3), 12);
    expect(m.kurt).toBeCloseTo(4 / 3 + 1, 12);
    expect(m.sr).toBeCloseTo(0.25 / 0.5, 12); // sd with ddof 1: √(0.75/3) = 0.5
  });

  it("reads a record without spread as no evidence: sr 0, skew 0, kurt 3", () => {
    for (const xs of [[], [0.4], [0.1, 0.1, 0.1], [-1, -1, -1, -1]]) {
      const m = sharpeMoments(xs);
      expect({ sd: m.sd, sr: m.sr, skew: m.skew, kurt: m.kurt }).toEqual({ sd: 0, sr: 0, skew: 0, kurt: 3 });
      expect(m.n).toBe(xs.length);
    }
    expect(sharpeMoments([-1, -1]).mean).toBe(-1);
  });

  it("refuses a non-finite return", () => {
    expect(() => sharpeMoments([0.1, Number.NaN])).toThrow(RangeError);
    expect(() => sharpeMoments([Infinity])).toThrow(RangeError);
  });
});

import { describe, expect, it } from "vitest";
import { maxDrawdown } from "./maxDrawdown.ts";

describe("maxDrawdown", () => {
  it("measures the worst fall from the running peak, not from the start", () => {
    // Peaks 100 then 150; falls of 20% (100 → 80) and 40% (150 → 90).
    expect(maxDrawdown([100, 80, 150, 120, 90, 160])).toBeCloseTo(0.4, 12);
    expect(maxDrawdown([100, 110, 120])).toBe(0);
    expect(maxDrawdown([])).toBe(0);
    expect(maxDrawdown([100, 0])).toBe(1);
  });

  it("refuses a curve that starts at or below 0, or a non-finite point", () => {
    expect(() => maxDrawdown([0, 10])).toThrow(RangeError);
    expect(() => maxDrawdown([10, Number.NaN])).toThrow(RangeError);
  });
});

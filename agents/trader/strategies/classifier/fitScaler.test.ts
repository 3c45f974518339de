import { describe, expect, it } from "vitest";
import { fitScaler, scaleInto } from "./fitScaler.ts";

describe("fitScaler", () => {
  it("centres and scales each feature by its mean and (population) standard deviation", () => {
    const s = fitScaler([[1, 10], [3, 10], [5, 10]]);
    expect(s.mean).toEqual([3, 10]);
    expect(s.sd[0]).toBeCloseTo(Math.sqrt(8 / 3), 12);
    expect(s.sd[1]).toBe(1); // a constant feature: scale 1, so it standardises to 0
    expect(Array.from(scaleInto(s, [5, 10], new Float64Array(2)))).toEqual([2 / Math.sqrt(8 / 3), 0]);
  });

  it("weights rows, and clips standardised values to ±clip", () => {
    const s = fitScaler([[0], [2]], 1.5, [3, 1]);
    expect(s.mean[0]).toBeCloseTo(0.5, 12);
    expect(s.sd[0]).toBeCloseTo(Math.sqrt((3 * 0.25 + 2.25) / 4), 12);
    expect(scaleInto(s, [100], [0])[0]).toBe(1.5);
    expect(scaleInto(s, [-100], [0])[0]).toBe(-1.5);
  });
});

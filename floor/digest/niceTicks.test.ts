import { describe, expect, it } from "vitest";
import { niceTicks } from "./niceTicks.ts";

describe("niceTicks", () => {
  it("covers the range with steps of 1, 2 or 5 times a power of ten", () => {
    expect(niceTicks(0, 10)).toEqual([0, 5, 10]); // raw step 2.5 -> 5
    expect(niceTicks(9_870, 10_120)).toEqual([9_800, 9_900, 10_000, 10_100, 10_200]); // raw 62.5 -> 100
    expect(niceTicks(-0.013, 0)).toEqual([-0.015, -0.01, -0.005, 0]);
  });

  it("widens a flat range around its value", () => {
    expect(niceTicks(0, 0)).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(niceTicks(100, 100)).toEqual([90, 95, 100, 105, 110]);
  });

  it("refuses what is not a range", () => {
    expect(() => niceTicks(2, 1)).toThrow(RangeError);
    expect(() => niceTicks(0, Infinity)).toThrow(RangeError);
  });
});

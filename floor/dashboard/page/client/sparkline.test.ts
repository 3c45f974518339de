import { describe, expect, it } from "vitest";
import { drawdowns, sparkPath } from "./sparkline.js";

describe("sparkPath", () => {
  it("scales the series to the box inside its padding, lowest at the bottom", () => {
    // 3 points over width 104 - 2×2 = 100: x 2, 52, 102; height 24 - 4 = 20: 0 → y 22, 10 → y 2, 5 → y 12.
    expect(sparkPath([0, 10, 5], 104, 24)).toBe("M2,22 L52,2 L102,12");
  });
  it("draws a flat series or a single point across the middle, and nothing for no numbers", () => {
    expect(sparkPath([7, 7], 104, 24)).toBe("M2,12 L102,12");
    expect(sparkPath([7], 104, 24)).toBe("M2,12 L102,12");
    expect(sparkPath([NaN], 104, 24)).toBe("");
  });
});

describe("drawdowns", () => {
  it("is the fall from the running peak, as a fraction", () => {
    expect(drawdowns([100, 120, 90, 130])).toEqual([0, 0, 0.25, 0]);
  });
});

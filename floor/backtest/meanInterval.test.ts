import { describe, expect, it } from "vitest";
import { meanInterval } from "./meanInterval.ts";

describe("meanInterval", () => {
  it("gives the mean, its standard error and a 1.96-SE interval", () => {
    const m = meanInterval([1, 2, 3, 4]);
    expect(m.n).toBe(4);
    expect(m.mean).toBe(2.5);
    // sample sd √(5/3), se = that / 2
    expect(m.se).toBeCloseTo(Math.sqrt(5 / 3) / 2, 12);
    expect(m.lo).toBeCloseTo(2.5 - 1.96 * m.se, 12);
    expect(m.hi).toBeCloseTo(2.5 + 1.96 * m.se, 12);
    expect(m.t).toBeCloseTo(2.5 / m.se, 12);
  });
  it("takes another width and leaves too-short samples undefined (NaN)", () => {
    expect(meanInterval([0, 2], 1).lo).toBeCloseTo(0, 12);
    expect(meanInterval([3]).se).toBeNaN();
    expect(meanInterval([]).mean).toBeNaN();
  });
});

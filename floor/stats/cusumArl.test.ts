import { describe, expect, it } from "vitest";
import { cusumArl } from "./cusumArl.ts";

describe("cusumArl", () => {
  // research-2026-12 §2: Brook–Evans ARLs of the textbook designs (SigmaXL's template, after
  // Montgomery pp. 426–427), one-sided, in standard deviations of the input.
  it.each([
    [4, 0, 335],
    [4, 0.5, 26.7],
    [4, 1, 8.4],
    [4, 2, 3.3],
    [5, 0, 931],
    [5, 0.5, 38.0],
    [5, 1, 10.4],
    [5, 2, 4.0],
  ])("k = 0.5, h = %s: ARL at a %sσ shift is %s", (h, shift, arl) => {
    const digits = arl >= 100 ? 0 : 1;
    expect(Math.round(cusumArl({ k: 0.5, h }, shift) * 10 ** digits) / 10 ** digits).toBe(arl);
  });

  it("sized for a polyfloor edge (k = 0.0325, a 0.065σ shift): h = 20 gives ARL₀ 749 and a 297-trade delay", () => {
    expect(Math.round(cusumArl({ k: 0.0325, h: 20 }, 0, 800))).toBe(749);
    expect(Math.round(cusumArl({ k: 0.0325, h: 20 }, 0.065, 800))).toBe(297);
  });

  it("converges with the number of states and falls as the shift grows", () => {
    expect(cusumArl({ k: 0.5, h: 4 }, 0, 200)).toBeCloseTo(cusumArl({ k: 0.5, h: 4 }, 0, 600), 0);
    expect(cusumArl({ k: 0.5, h: 4 }, 1.5)).toBeLessThan(cusumArl({ k: 0.5, h: 4 }, 1));
    expect(() => cusumArl({ k: 0.5, h: 0 }, 0)).toThrow(RangeError);
  });
});

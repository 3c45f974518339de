import { describe, expect, it } from "vitest";
import { drawdownOf } from "./drawdownOf.ts";
import { maxDrawdown } from "./maxDrawdown.ts";

const pts = (...xs: Array<[number, number]>) => xs.map(([ts, equity]) => ({ ts, equity }));

describe("drawdownOf", () => {
  it("measures depth from the running peak and the longest time under it", () => {
    // Peak 100 at t=0, down to 80 (20%) at t=10, regained at t=30 (30 ms under water);
    // peak 150 at t=40, down to 90 (40%) at t=60, never regained by t=100 (60 ms).
    const d = drawdownOf(pts([0, 100], [10, 80], [30, 100], [40, 150], [50, 120], [60, 90], [100, 140]));
    expect(d.max).toBeCloseTo(0.4, 12);
    expect(d.maxAt).toBe(60);
    expect(d.longestMs).toBe(60);
    expect(d.curve.map((p) => p.equity)).toEqual([0, 0.2, 0, 0, 0.2, 0.4, 1 / 15]);
  });

  it("counts no time under water for a curve that only rises, however far apart its points", () => {
    expect(drawdownOf(pts([0, 100], [1_000, 110], [5_000, 120]))).toEqual({ max: 0, maxAt: null, longestMs: 0, curve: pts([0, 0], [1_000, 0], [5_000, 0]) });
  });

  it("ends a span under water on reaching the peak exactly, and keeps the longest span", () => {
    const d = drawdownOf(pts([0, 100], [5, 90], [50, 100], [60, 99], [70, 100]));
    expect(d.longestMs).toBe(50);
    expect(d.max).toBeCloseTo(0.1, 12);
  });

  it("agrees with maxDrawdown on its depth", () => {
    const eq = [100, 80, 150, 120, 90, 160, 40, 200];
    expect(drawdownOf(eq.map((equity, ts) => ({ ts, equity }))).max).toBeCloseTo(maxDrawdown(eq), 15);
  });

  it("is empty for no points, and refuses a start at or below 0, non-finite or unordered points", () => {
    expect(drawdownOf([])).toEqual({ max: 0, maxAt: null, longestMs: 0, curve: [] });
    expect(() => drawdownOf(pts([0, 0], [1, 10]))).toThrow(RangeError);
    expect(() => drawdownOf(pts([0, 10], [1, Number.NaN]))).toThrow(RangeError);
    expect(() => drawdownOf(pts([5, 10], [1, 11]))).toThrow(RangeError);
  });
});

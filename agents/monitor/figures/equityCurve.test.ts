import { describe, expect, it } from "vitest";
import { appendPoint, curveDue, newCurve } from "./equityCurve.ts";

describe("equity curve", () => {
  it("is due every `everyMs`, and past its cap keeps every other point from the newest at twice the spacing", () => {
    const c = newCurve(60_000);
    expect(curveDue(c, 0)).toBe(true);
    for (let i = 0; i < 4; i++) appendPoint(c, { ts: i * 60_000, equity: 100 + i }, 4);
    expect(curveDue(c, 200_000)).toBe(false);
    expect(curveDue(c, 240_000)).toBe(true);
    appendPoint(c, { ts: 240_000, equity: 104 }, 4);
    // Five points over a cap of four: 0, 2 and 4 minutes stay (the newest kept), every two minutes from now on.
    expect(c.points.map((p) => p.equity)).toEqual([100, 102, 104]);
    expect(c.everyMs).toBe(120_000);
    expect(curveDue(c, 300_000)).toBe(false);
    expect(curveDue(c, 360_000)).toBe(true);
  });
});

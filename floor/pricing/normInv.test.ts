import { describe, expect, it } from "vitest";
import { normCdf } from "./normCdf.ts";
import { normInv } from "./normInv.ts";

describe("normInv", () => {
  // Reference quantiles from scipy.stats.norm.ppf (Cephes ndtri, a different algorithm), all three branches of AS241.
  it.each([
    [0.5, 0],
    [0.3, -0.5244005127080409],
    [0.95, 1.6448536269514722],
    [0.975, 1.959963984540054],
    [0.99, 2.3263478740408408],
    [1e-10, -6.361340902404056],
    [1e-15, -7.941345326170998],
    [1 - 1e-12, 7.0344869100478356],
  ])("Φ⁻¹(%s) = %s to 1e−12 relative", (p, x) => {
    expect(Math.abs(normInv(p) - x)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(x)));
  });

  it("inverts normCdf to normCdf's own accuracy (1.5e−7) across (0, 1)", () => {
    for (let p = 0.001; p < 1; p += 0.001) expect(Math.abs(normCdf(normInv(p)) - p)).toBeLessThan(2e-7);
  });

  it("is antisymmetric, infinite at 0 and 1, and refuses a non-probability", () => {
    expect(normInv(0.2)).toBeCloseTo(-normInv(0.8), 14);
    expect(normInv(0)).toBe(-Infinity);
    expect(normInv(1)).toBe(Infinity);
    for (const p of [-0.1, 1.1, Number.NaN]) expect(() => normInv(p)).toThrow(RangeError);
  });
});

import { describe, expect, it } from "vitest";
import { nelderMead } from "./nelderMead.ts";

describe("nelderMead", () => {
  it("finds the minimum of a shifted quadratic", () => {
    const r = nelderMead((x) => (x[0]! - 3) ** 2 + 10 * (x[1]! + 1) ** 2 + 4, [0, 0], { step: 1 });
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(3, 4);
    expect(r.x[1]).toBeCloseTo(-1, 4);
    expect(r.f).toBeCloseTo(4, 8);
  });
  it("follows Rosenbrock's curved valley to (1, 1) from the textbook start (−1.2, 1)", () => {
    const rosen = (x: readonly number[]) => 100 * (x[1]! - x[0]! ** 2) ** 2 + (1 - x[0]!) ** 2;
    const r = nelderMead(rosen, [-1.2, 1], { maxIter: 2000, step: 0.5 });
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(1, 3);
    expect(r.x[1]).toBeCloseTo(1, 3);
  });
  it("treats a non-finite value as +∞ and stops at its iteration limit", () => {
    const r = nelderMead((x) => (x[0]! < 0 ? NaN : (x[0]! - 2) ** 2), [1], { step: 0.5 });
    expect(r.x[0]).toBeCloseTo(2, 4);
    const capped = nelderMead((x) => (x[0]! - 2) ** 2, [1000], { step: 0.001, maxIter: 3 });
    expect(capped.converged).toBe(false);
    expect(capped.iterations).toBe(3);
  });
});

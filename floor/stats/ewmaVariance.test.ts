import { describe, expect, it } from "vitest";
import { createRng } from "../random/createRng.ts";
import { EwmaVariance, halfLifeForLambda, lambdaForHalfLife } from "./ewmaVariance.ts";

describe("EwmaVariance", () => {
  it("by hand: half-life 1 s, 0.01 over 1 s then 0.03 over 2 s", () => {
    const e = new EwmaVariance(1);
    e.push(0.01, 1);
    expect(e.variancePerSec()).toBeCloseTo(0.0001, 15); // the first return alone: its own realised variance
    e.push(0.03, 2);
    // the old sums decay by 2^(−2) = 0.25: A = 0.25·0.0001 + 0.0009, B = 0.25·1 + 2
    expect(e.variancePerSec()).toBeCloseTo((0.25 * 0.0001 + 0.0009) / 2.25, 15);
  });
  it("on a regular grid is RiskMetrics' recursion σ² ← λσ² + (1 − λ)r² (λ = 0.94 per step)", () => {
    const lambda = 0.94;
    const e = new EwmaVariance(halfLifeForLambda(lambda));
    const rng = createRng("ewma-riskmetrics");
    let rm = 0;
    for (let t = 0; t < 600; t++) {
      const r = 0.01 * rng.normal() * (t > 300 ? 3 : 1);
      rm = t === 0 ? r * r : lambda * rm + (1 - lambda) * r * r;
      e.push(r, 1);
    }
    // the two differ only by the start (λ^600 ≈ 7e−17 of it)
    expect(e.variancePerSec()! / rm).toBeCloseTo(1, 10);
  });
  it("maps RiskMetrics' daily λ = 0.94 to a half-life of 11.2 days, and back", () => {
    expect(halfLifeForLambda(0.94)).toBeCloseTo(11.2, 1);
    expect(lambdaForHalfLife(halfLifeForLambda(0.97, 60), 60)).toBeCloseTo(0.97, 12);
    expect(lambdaForHalfLife(300)).toBeCloseTo(0.99769, 5); // 5 minutes at 1 s
  });
  it("reads a constant variance per second the same at any tick spacing", () => {
    const v = 4e-9;
    const rng = createRng("ewma-spacing");
    const e = new EwmaVariance(120);
    for (let t = 0; t < 2000; t++) {
      const dt = 0.2 + 5 * rng.next();
      e.push((rng.next() < 0.5 ? -1 : 1) * Math.sqrt(v * dt), dt); // |r| exactly √(v·Δt)
    }
    expect(e.variancePerSec()! / v).toBeCloseTo(1, 12);
  });
  it("forgets: a calm spell after a busy one reads calm within a few half-lives", () => {
    const e = new EwmaVariance(60);
    const rng = createRng("ewma-forget");
    for (let t = 0; t < 600; t++) e.push(3e-4 * rng.normal(), 1);
    const busy = e.variancePerSec()!;
    for (let t = 0; t < 600; t++) e.push(1e-4 * rng.normal(), 1);
    const calm = e.variancePerSec()!;
    expect(busy / 9e-8).toBeGreaterThan(0.7);
    expect(calm / 1e-8).toBeLessThan(1.3);
    expect(e.weightSec()).toBeCloseTo((1 - lambdaForHalfLife(60) ** 1200) / (1 - lambdaForHalfLife(60)), 9); // Σ λ^j over its 1,200 one-second steps, about half-life / ln 2
    const copy = new EwmaVariance(60);
    copy.restore(e.save());
    expect(copy.variancePerSec()).toBe(calm);
  });
});

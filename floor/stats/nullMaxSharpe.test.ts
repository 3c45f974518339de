import { describe, expect, it } from "vitest";
import { createRng, type Rng } from "../random/createRng.ts";
import { expectedMaxSharpe } from "./expectedMaxSharpe.ts";
import { nullMaxSharpe } from "./nullMaxSharpe.ts";
import { sharpeMoments } from "./sharpeMoments.ts";

/** The mean, over `reps` draws, of the best SR among `trials` records of `n` zero-mean returns. */
function simulatedMax(rng: Rng, draw: (r: Rng) => number, n: number, trials: number, reps: number): number {
  let total = 0;
  for (let rep = 0; rep < reps; rep++) {
    let best = -Infinity;
    for (let t = 0; t < trials; t++) best = Math.max(best, sharpeMoments(Array.from({ length: n }, () => draw(rng))).sr);
    total += best;
  }
  return total / reps;
}

describe("nullMaxSharpe", () => {
  it("is the expected maximum of N zero-skill estimates of sd 1/√(n − 1)", () => {
    expect(nullMaxSharpe(1001, 100)).toBeCloseTo(expectedMaxSharpe({ sd: 1 / Math.sqrt(1000), n: 100 }), 15);
    // E[max of 100 standard normals] ≈ 2.53 by the paper's approximation: over 1,001 trades, SR₀ ≈ 0.080.
    expect(nullMaxSharpe(1001, 100)).toBeCloseTo(0.08, 3);
  });

  // Within 7%: the paper's approximation of E[max] runs 2% high at N = 20, and a skewed bet's SR a little low.
  it("matches a simulation of zero-skill records, normal or as skewed as a binary bet (the shape drops out at SR 0)", () => {
    const rng = createRng("nullMaxSharpe");
    // A bet that wins 3 times in 10 and pays 7/3: mean 0, skew 0.87.
    const bet = (r: Rng) => (r.next() < 0.3 ? 7 / 3 : -1);
    for (const draw of [(r: Rng) => r.normal(), bet]) {
      const simulated = simulatedMax(rng, draw, 300, 20, 400);
      expect(simulated / nullMaxSharpe(300, 20)).toBeGreaterThan(0.93);
      expect(simulated / nullMaxSharpe(300, 20)).toBeLessThan(1.07);
    }
  });

  it("is 0 for one trial, shrinks as the record grows, and needs two observations", () => {
    expect(nullMaxSharpe(500, 1)).toBe(0);
    expect(nullMaxSharpe(2000, 50)).toBeCloseTo(nullMaxSharpe(500, 50) * Math.sqrt(499 / 1999), 12);
    expect(() => nullMaxSharpe(1, 10)).toThrow(RangeError);
  });
});

import { describe, expect, it } from "vitest";
import { createRng } from "../random/createRng.ts";
import { jumpUpProbability } from "./jumpUpProbability.ts";
import { upProbability } from "./upProbability.ts";

describe("jumpUpProbability", () => {
  const sigma = 1e-4;
  it("is the plain probability without jumps, 0.5 at the strike, and decided at the close", () => {
    expect(jumpUpProbability(100.1, 100, sigma, 300, 0, 0.01)).toBe(upProbability(100.1, 100, sigma, 300));
    expect(jumpUpProbability(100, 100, sigma, 300, 0.001, 0.01)).toBeCloseTo(0.5, 7);
    expect(jumpUpProbability(99.9, 100, sigma, 0, 0.001, 0.01)).toBe(0);
  });
  it("pulls a favourite towards 0.5 by the chance of a jump in the time left", () => {
    const plain = upProbability(100.1, 100, sigma, 60);
    const jumpy = jumpUpProbability(100.1, 100, sigma, 60, 0.0005, 0.01);
    expect(jumpy).toBeLessThan(plain);
    expect(jumpy).toBeGreaterThan(0.5);
  });
  it("agrees with a simulation of the walk it describes (per-second jumps of ± size × U(0.5, 1.5))", () => {
    const rng = createRng("jumpUpProbability");
    const [spot, strike, left, jumpProb, jumpLog] = [100.05, 100, 60, 0.001, 0.01];
    const paths = 100_000;
    let up = 0;
    for (let k = 0; k < paths; k++) {
      let x = Math.log(spot / strike) + sigma * Math.sqrt(left) * rng.normal();
      for (let s = 0; s < left; s++) if (rng.next() < jumpProb) x += (rng.next() < 0.5 ? -1 : 1) * jumpLog * (0.5 + rng.next());
      if (x >= 0) up++;
    }
    const mc = up / paths;
    const se = Math.sqrt((mc * (1 - mc)) / paths);
    expect(Math.abs(mc - jumpUpProbability(spot, strike, sigma, left, jumpProb, jumpLog))).toBeLessThan(3 * se + 1e-3);
    // and the jumps matter at this size (two in the minute, which the mixture counts as one, happen 1 time in 600): the plain model is far outside the error
    expect(Math.abs(mc - upProbability(spot, strike, sigma, left))).toBeGreaterThan(5 * se);
  });
});

import { describe, expect, it } from "vitest";
import { createRng } from "../random/createRng.ts";
import { jumpUpProbability } from "./jumpUpProbability.ts";
import { mertonUpProbability } from "./mertonUpProbability.ts";
import { normCdf } from "./normCdf.ts";
import { upProbability } from "./upProbability.ts";

describe("mertonUpProbability", () => {
  const sigma = 8.4e-5; // per second: BTC at about 47% a year
  const left = 600;
  const v = sigma * sigma * left;

  it("is N(d2) without jumps, 0.5 at the strike for symmetric jumps, and a step with no variance", () => {
    expect(mertonUpProbability(100.1, 100, v, 0, 0, 0.01)).toBeCloseTo(upProbability(100.1, 100, sigma, left), 15);
    expect(mertonUpProbability(100, 100, v, 0.3, 0, 0.004)).toBeCloseTo(0.5, 6); // Φ(0) to normCdf's accuracy (1.5e−7)
    expect(mertonUpProbability(100, 100, 0, 0, 0, 0)).toBe(1); // a tie resolves Up
    expect(mertonUpProbability(99.9, 100, 0, 0, 0, 0)).toBe(0);
  });

  it("by hand: one jump expected, of mean +1% and no spread, with the spot 1% under", () => {
    // n jumps put the log distance at −0.01 + 0.01n, with variance v: e^{−1}Φ(−0.01/√v) + e^{−1}·½ + Σ_{n≥2} e^{−1}/n! Φ(0.01(n − 1)/√v)
    const x = 0.01;
    let hand = 0;
    let fact = 1;
    for (let n = 0; n < 30; n++) {
      if (n > 0) fact *= n;
      hand += (Math.exp(-1) / fact) * (n === 1 ? 0.5 : normCdf((x * (n - 1)) / Math.sqrt(v)));
    }
    expect(hand).toBeCloseTo(Math.exp(-1) * (normCdf(-4.86) + 0.5) + (1 - 2 * Math.exp(-1)) * 0.9999994, 6); // √v = 2.058e−3: 0.01 is 4.86σ
    expect(mertonUpProbability(100 * Math.exp(-x), 100, v, 1, x, 0)).toBeCloseTo(hand, 6);
  });

  it("agrees with a simulation of the jump-diffusion it describes", () => {
    const rng = createRng("merton");
    const [spot, strike, lambdaTau, mu, sd] = [100.1, 100, 0.8, -0.001, 0.003];
    const paths = 100_000;
    let up = 0;
    for (let k = 0; k < paths; k++) {
      let x = Math.log(spot / strike) + Math.sqrt(v) * rng.normal();
      // Poisson(λτ) by inversion
      let n = 0;
      let w = Math.exp(-lambdaTau);
      let cum = w;
      const u = rng.next();
      while (u > cum) {
        n++;
        w *= lambdaTau / n;
        cum += w;
      }
      for (let j = 0; j < n; j++) x += mu + sd * rng.normal();
      if (x >= 0) up++;
    }
    const mc = up / paths;
    const se = Math.sqrt((mc * (1 - mc)) / paths);
    const model = mertonUpProbability(spot, strike, v, lambdaTau, mu, sd);
    expect(Math.abs(mc - model)).toBeLessThan(3 * se);
    expect(Math.abs(mc - upProbability(spot, strike, sigma, left))).toBeGreaterThan(10 * se); // the jumps matter here
  });

  it("cross-checks with jumpUpProbability (the simulator's law: ± size × U(0.5, 1.5)) at equal jump variance", () => {
    // the sim's walk: 0.00012 jumps a second of 45 one-second σ; a normal jump law with the same second moment, 13/12 size²
    const [q, size] = [0.00012, 45 * sigma];
    let worst = 0;
    let jumpEffect = 0;
    for (let d = -0.01; d <= 0.01; d += 0.0005) {
      const spot = 100 * Math.exp(d);
      const theirs = jumpUpProbability(spot, 100, sigma, left, q, size);
      const ours = mertonUpProbability(spot, 100, v, q * left, 0, size * Math.sqrt(13 / 12));
      worst = Math.max(worst, Math.abs(theirs - ours));
      jumpEffect = Math.max(jumpEffect, Math.abs(theirs - upProbability(spot, 100, sigma, left)));
    }
    // the laws differ (normal jumps can be small, the sim's never are), by under half a point; the jumps themselves move it by more than 1
    expect(worst).toBeLessThan(0.005);
    expect(jumpEffect).toBeGreaterThan(0.01);
  });

  it("pulls a far strike towards 0.5", () => {
    const plain = mertonUpProbability(100.5, 100, v, 0, 0, 0);
    const jumpy = mertonUpProbability(100.5, 100, v, 0.1, 0, 0.005);
    expect(plain).toBeGreaterThan(0.99);
    expect(jumpy).toBeLessThan(plain - 0.01);
    expect(jumpy).toBeGreaterThan(0.5);
  });
});

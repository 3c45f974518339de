import { describe, expect, it } from "vitest";
import { upProbability } from "../../../../floor/pricing/index.ts";
import { createRng } from "../../../../floor/random/createRng.ts";
import { revertedUpProbability, stretchZ } from "./stretch.ts";

describe("stretchZ", () => {
  it("two points: the last stands half a step from their mean, whose sd is σ√Δ/2", () => {
    // x2 − (x1 + x2)/2 = r/2 with r ~ N(0, σ²Δ): sd σ√Δ/2. With σ = 0.001, Δ = 4 s: sd 0.001.
    expect(stretchZ(0.001, 2, 4, 0.001)).toBeCloseTo(1, 12);
  });

  it("dense ticks: the continuous limit, sd σ√(T/3) (B_T − mean of B has variance T/3)", () => {
    const n = 1_000_001;
    expect(stretchZ(0.01 * Math.sqrt(300 / 3), n, 300, 0.01)!).toBeCloseTo(1, 5);
  });

  it("is standard normal under a driftless random walk (Monte Carlo, 4000 paths of 61 points)", () => {
    const rng = createRng(11).fork("stretch");
    const sigma = 0.0005;
    const dt = 5; // seconds between points
    const zs: number[] = [];
    for (let k = 0; k < 4000; k++) {
      let x = 0;
      let sum = 0;
      for (let i = 0; i < 61; i++) {
        if (i > 0) x += sigma * Math.sqrt(dt) * rng.normal();
        sum += x;
      }
      zs.push(stretchZ(x - sum / 61, 61, 60 * dt, sigma)!);
    }
    const mean = zs.reduce((a, b) => a + b, 0) / zs.length;
    const variance = zs.reduce((a, b) => a + (b - mean) ** 2, 0) / (zs.length - 1);
    expect(Math.abs(mean)).toBeLessThan(0.06); // se 1/√4000 ≈ 0.016
    expect(variance).toBeGreaterThan(0.92); // se of the variance ≈ √(2/4000) ≈ 0.022
    expect(variance).toBeLessThan(1.08);
    // The naive scale (σ√T, the whole window's move) would give a variance near 1/3: far outside.
  });

  it("cannot judge without two points, a span or a volatility", () => {
    expect(stretchZ(0.01, 1, 10, 0.001)).toBeUndefined();
    expect(stretchZ(0.01, 5, 0, 0.001)).toBeUndefined();
    expect(stretchZ(0.01, 5, 10, 0)).toBeUndefined();
  });
});

describe("revertedUpProbability", () => {
  const sigma = 0.0001;
  it("with no reversion, or no deviation, is the driftless fair value", () => {
    expect(revertedUpProbability(100_100, 100_000, sigma, 300, 0.002, 0)).toBe(upProbability(100_100, 100_000, sigma, 300));
    expect(revertedUpProbability(100_100, 100_000, sigma, 300, 0, 0.7)).toBe(upProbability(100_100, 100_000, sigma, 300));
  });

  it("full reversion of a stretch above a strike at the average gives one half", () => {
    const strike = 100_000;
    const spot = strike * Math.exp(0.003);
    expect(revertedUpProbability(spot, strike, sigma, 300, 0.003, 1)).toBeCloseTo(0.5, 8); // normCdf is good to ~1e-9
  });

  it("a stretch up lowers the chance of Up, a stretch down raises it, more with more reversion", () => {
    const fair = upProbability(100_000, 100_000, sigma, 300);
    const up = (r: number) => revertedUpProbability(100_000, 100_000, sigma, 300, 0.001, r);
    const down = (r: number) => revertedUpProbability(100_000, 100_000, sigma, 300, -0.001, r);
    expect(up(0.3)).toBeLessThan(fair);
    expect(up(0.6)).toBeLessThan(up(0.3));
    expect(down(0.3)).toBeGreaterThan(fair);
    // Φ(−0.3·0.001 / (0.0001·√300)) = Φ(−0.1732) ≈ 0.4312
    expect(up(0.3)).toBeCloseTo(0.4312, 3);
  });
});

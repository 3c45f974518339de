import { describe, expect, it } from "vitest";
import { emptyTally, isJump, jumpLaw, tally } from "./jumps.ts";

describe("jumps beyond k sigma", () => {
  it("flags a return beyond k standard deviations of the diffusion over its own span", () => {
    const v = 1e-8; // variance per second: σ = 1e−4 over one second
    expect(isJump(4.9e-4, v, 1, 5)).toBe(false);
    expect(isJump(-5.1e-4, v, 1, 5)).toBe(true);
    expect(isJump(5.1e-4, v, 4, 5)).toBe(false); // over 4 s the diffusion's σ is 2e−4: 2.55σ
  });
  it("estimates rate, mean and spread, shrinking the mean towards zero and within bounds", () => {
    const t = emptyTally();
    expect(jumpLaw(t)).toEqual({ ratePerSec: 0, mean: 0, sd: 0 }); // nothing seen: no jump term
    for (let s = 0; s < 10_000; s++) tally(t, 1e-5, 1, false);
    tally(t, 0.004, 1, true);
    tally(t, -0.003, 1, true);
    const law = jumpLaw(t, { maxRatePerSec: 0.01, maxSd: 0.1, priorCount: 10 });
    expect(law.ratePerSec).toBeCloseTo(2 / 10_002, 12);
    expect(law.mean).toBeCloseTo(0.001 / 12, 12); // Σ r / (2 + 10 pseudo-jumps at zero)
    expect(law.sd).toBeCloseTo(Math.sqrt((0.004 ** 2 + 0.003 ** 2) / 2 - (0.001 / 12) ** 2), 12);
    expect(jumpLaw(t, { maxRatePerSec: 1e-5, maxSd: 0.001, priorCount: 0 })).toEqual({ ratePerSec: 1e-5, mean: 0.0005, sd: 0.001 });
  });
});

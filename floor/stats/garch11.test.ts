import { describe, expect, it } from "vitest";
import { createRng } from "../random/createRng.ts";
import { fitGarch11, garchIntegratedVariance, garchLongRun, garchNegLogLik, garchNext, simulateGarch11, type Garch11 } from "./garch11.ts";

describe("GARCH(1,1)", () => {
  const p: Garch11 = { omega: 0.1, alpha: 0.2, beta: 0.7 };

  it("by hand: the recursion and the Gaussian likelihood of three returns", () => {
    // h₁ = 1; h₂ = 0.1 + 0.2·1 + 0.7·1 = 1; h₃ = 0.1 + 0.2·4 + 0.7·1 = 1.6; next = 0.1 + 0.2·0.25 + 0.7·1.6 = 1.27
    expect(garchNext(p, 1, 1)).toBeCloseTo(1, 15);
    expect(garchNext(p, 1, -2)).toBeCloseTo(1.6, 15);
    const { nll, hNext } = garchNegLogLik(p, [1, -2, 0.5], 1);
    expect(hNext).toBeCloseTo(1.27, 15);
    // ½ (3 ln 2π + ln 1 + 1/1 + ln 1 + 4/1 + ln 1.6 + 0.25/1.6)
    expect(nll).toBeCloseTo(0.5 * (3 * Math.log(2 * Math.PI) + 1 + 4 + Math.log(1.6) + 0.25 / 1.6), 12);
    expect(garchNegLogLik({ omega: 0, alpha: 0, beta: 0 }, [1, 1], 1).nll).toBe(Infinity); // a zero variance
  });

  it("forecasts the integrated variance on the mean-reverting term structure", () => {
    // V_L = 0.1 / (1 − 0.9) = 1; from hNext = 2 the step variances are 2, 1 + 0.9, 1 + 0.81: 5.71 over three steps
    expect(garchLongRun(p)).toBeCloseTo(1, 14);
    expect(garchIntegratedVariance(p, 2, 3)).toBeCloseTo(5.71, 12);
    // the same as iterating the expected recursion E[h] ← ω + (α + β)h, over a long horizon too
    let h = 0.3;
    let sum = 0;
    for (let i = 0; i < 900; i++) {
      sum += h;
      h = p.omega + (p.alpha + p.beta) * h;
    }
    expect(garchIntegratedVariance(p, 0.3, 900)).toBeCloseTo(sum, 9);
    // near unit persistence it tends to k·hNext (no reversion within the horizon), without cancellation
    expect(garchIntegratedVariance({ omega: 2e-17, alpha: 0.01, beta: 0.99 - 1e-9 }, 3e-8, 900) / (900 * 3e-8)).toBeCloseTo(1, 6);
    expect(garchIntegratedVariance(p, 2, 0)).toBe(0);
  });

  it("matches a known fit: arch 8.0.0 (Sheppard) and scipy on the same simulated series", () => {
    // 2,000 returns of ω = 0.05, α = 0.10, β = 0.85 from createRng("garch-reference"). Fitted outside
    // the repository: arch_model(r, mean="Zero", vol="GARCH", dist="normal", rescale=False).fit() gives
    // ω = 0.042302, α = 0.077758, β = 0.878685 (its first variance is a backcast, not the sample
    // variance); scipy's Nelder–Mead on this file's likelihood gives ω = 0.0422696, α = 0.0777180,
    // β = 0.8787595, log-likelihood −2742.713812306176.
    const r = simulateGarch11({ omega: 0.05, alpha: 0.1, beta: 0.85 }, 2000, createRng("garch-reference"));
    expect(r[0]).toBeCloseTo(0.9419315958288845, 14);
    const f = fitGarch11(r)!;
    expect(f.converged).toBe(true);
    expect(f.logLik).toBeCloseTo(-2742.713812306176, 6);
    expect(f.omega).toBeCloseTo(0.0422696, 5);
    expect(f.alpha).toBeCloseTo(0.077718, 5);
    expect(f.beta).toBeCloseTo(0.8787595, 5);
    // and arch's own estimates, to its different start
    expect(Math.abs(f.alpha - 0.077758)).toBeLessThan(1e-3);
    expect(Math.abs(f.beta - 0.878685)).toBeLessThan(1e-3);
  });

  it("recovers the parameters of simulated series within their sampling error (5,000 returns)", () => {
    for (const truth of [
      { omega: 0.05, alpha: 0.1, beta: 0.85 },
      // per-second BTC scale (variance 2e−8 a step) and high persistence: the scaling inside the fit copes
      { omega: 1e-10, alpha: 0.03, beta: 0.965 },
    ]) {
      for (const seed of [0, 1, 2]) {
        const f = fitGarch11(simulateGarch11(truth, 5000, createRng(`garch-recovery-${seed}`)))!;
        expect(Math.abs(f.alpha - truth.alpha), `α, seed ${seed}`).toBeLessThan(0.03);
        expect(Math.abs(f.beta - truth.beta), `β, seed ${seed}`).toBeLessThan(0.04);
        expect(garchLongRun(f) / garchLongRun(truth)).toBeGreaterThan(0.9);
        expect(garchLongRun(f) / garchLongRun(truth)).toBeLessThan(1.1);
        expect(f.alpha + f.beta).toBeLessThan(1);
      }
    }
  });

  it("on white noise finds no clustering worth the name, and needs enough returns", () => {
    const rng = createRng("garch-white");
    const r = Array.from({ length: 3000 }, () => 0.01 * rng.normal());
    const f = fitGarch11(r)!;
    // constant variance: either α ≈ 0 (β then unidentified) or a long-run level equal to the sample's
    expect(f.alpha).toBeLessThan(0.03);
    expect(garchLongRun(f) / 1e-4).toBeGreaterThan(0.9);
    expect(garchLongRun(f) / 1e-4).toBeLessThan(1.1);
    expect(fitGarch11(r.slice(0, 20))).toBeUndefined();
    expect(fitGarch11(new Array(100).fill(0))).toBeUndefined();
  });

  it("a warm start from the previous fit lands on the same optimum in fewer evaluations", () => {
    const r = simulateGarch11({ omega: 0.05, alpha: 0.1, beta: 0.85 }, 2000, createRng("garch-reference"));
    const cold = fitGarch11(r)!;
    const warm = fitGarch11(r, { start: { omega: 0.04, alpha: 0.09, beta: 0.86 } })!;
    expect(warm.logLik).toBeCloseTo(cold.logLik, 6);
    expect(warm.evaluations).toBeLessThan(cold.evaluations);
  });
});

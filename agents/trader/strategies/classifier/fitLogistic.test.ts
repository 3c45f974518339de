import { describe, expect, it } from "vitest";
import { createRng } from "../../../../floor/random/createRng.ts";
import { choleskySolve, fitLogistic, sigmoid } from "./fitLogistic.ts";

const logit = (q: number) => Math.log(q / (1 - q));

/** The root of a decreasing function on [lo, hi] by bisection: an independent check of a penalised fit. */
function bisect(f: (w: number) => number, lo: number, hi: number): number {
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (f(mid) > 0) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

describe("fitLogistic", () => {
  it("reproduces the textbook fit: hours studied against passing (Wikipedia, 'Logistic regression': β0 −4.0777, β1 1.5046)", () => {
    const hours = [0.5, 0.75, 1, 1.25, 1.5, 1.75, 1.75, 2, 2.25, 2.5, 2.75, 3, 3.25, 3.5, 4, 4.25, 4.5, 4.75, 5, 5.5];
    const pass = [0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 1, 1, 1, 1, 1];
    const f = fitLogistic(hours.map((h) => [h]), pass, { l2: 0, interceptL2: 0 });
    expect(f.converged).toBe(true);
    expect(f.b).toBeCloseTo(-4.0777, 4);
    expect(f.w[0]).toBeCloseTo(1.5046, 4);
    // The article's worked probabilities: 2 hours of study passes with probability 0.26, 4 hours with 0.87.
    expect(sigmoid(f.b + 2 * f.w[0]!)).toBeCloseTo(0.26, 2);
    expect(sigmoid(f.b + 4 * f.w[0]!)).toBeCloseTo(0.87, 2);
  });

  it("on one binary feature, unpenalised, gives the closed form: b = logit of the rate at 0, w = the log odds ratio", () => {
    // x = 0: 3 of 10 up; x = 1: 8 of 10 up.
    const X = [...Array(10).fill([0]), ...Array(10).fill([1])] as number[][];
    const y = [1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0];
    const f = fitLogistic(X, y, { l2: 0, interceptL2: 0 });
    expect(f.b).toBeCloseTo(logit(0.3), 9);
    expect(f.w[0]).toBeCloseTo(logit(0.8) - logit(0.3), 9);
  });

  it("with an L2 penalty, solves the stationarity condition n(σ(w) − q) + λw = 0 on symmetric data (checked by bisection)", () => {
    // x = ±1, n/2 rows each; Up with rate q at +1 and 1 − q at −1: b = 0 by symmetry, and ∂J/∂w = n(σ(w) − q) + λw.
    const q = 0.75;
    const n = 40;
    const X: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < n / 2; i++) {
      X.push([1], [-1]);
      y.push(i < q * (n / 2) ? 1 : 0, i < q * (n / 2) ? 0 : 1);
    }
    for (const l2 of [0.5, 5, 50]) {
      const f = fitLogistic(X, y, { l2, interceptL2: 0 });
      const w = bisect((w) => -(n * (sigmoid(w) - q) + l2 * w), 0, 10);
      expect(f.w[0]).toBeCloseTo(w, 9);
      expect(f.b).toBeCloseTo(0, 9);
      expect(f.w[0]!).toBeLessThan(logit(q)); // shrunk below the MLE
    }
  });

  it("keeps separable data finite with a penalty (λw = n·σ(−w)), and the weight grows as the penalty shrinks", () => {
    const X = [[1], [1], [1], [-1], [-1], [-1]];
    const y = [1, 1, 1, 0, 0, 0];
    const ws = [1, 0.1, 0.01].map((l2) => {
      const f = fitLogistic(X, y, { l2, interceptL2: 0 });
      expect(f.converged).toBe(true);
      expect(f.w[0]).toBeCloseTo(bisect((w) => 6 * sigmoid(-w) - l2 * w, 0, 100), 8);
      return f.w[0]!;
    });
    expect(ws[0]!).toBeLessThan(ws[1]!);
    expect(ws[1]!).toBeLessThan(ws[2]!);
  });

  it("recovers a known model from many seeded draws, and the same data gives the same bits", () => {
    const rng = createRng("logistic");
    const truth = { w: [1.2, -0.7, 0], b: 0.3 };
    const X: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 10_000; i++) {
      const x = [rng.normal(), rng.normal(), rng.normal()];
      X.push(x);
      y.push(rng.next() < sigmoid(truth.b + truth.w[0]! * x[0]! + truth.w[1]! * x[1]!) ? 1 : 0);
    }
    const f = fitLogistic(X, y, { l2: 1 });
    f.w.forEach((w, i) => expect(Math.abs(w - truth.w[i]!)).toBeLessThan(0.08));
    expect(Math.abs(f.b - truth.b)).toBeLessThan(0.08);
    expect(fitLogistic(X, y, { l2: 1 })).toEqual(f);
  });

  it("weights a row as that many copies of it, and takes soft targets as their mean", () => {
    const X = [[0], [1], [1]];
    const weighted = fitLogistic(X, [1, 1, 0], { l2: 0.3, weights: [2, 1, 3] });
    const copies = fitLogistic([[0], [0], [1], [1], [1], [1]], [1, 1, 1, 0, 0, 0], { l2: 0.3 });
    expect(weighted.w[0]).toBeCloseTo(copies.w[0]!, 9);
    expect(weighted.b).toBeCloseTo(copies.b, 9);
    const soft = fitLogistic([[0], [1]], [0.3, 0.8], { l2: 0, interceptL2: 0 });
    expect(sigmoid(soft.b)).toBeCloseTo(0.3, 9);
    expect(sigmoid(soft.b + soft.w[0]!)).toBeCloseTo(0.8, 9);
  });

  it("pulls the weights to the prior it is given, not to zero", () => {
    const f = fitLogistic([[1], [-1]], [1, 0], { l2: 1e6, prior: [2.5] });
    expect(f.w[0]).toBeCloseTo(2.5, 4);
  });

  it("a constant feature with no penalty takes no step (no NaN)", () => {
    const f = fitLogistic([[0, 1], [0, -1], [0, 1], [0, -1]], [1, 0, 1, 1], { l2: 0, interceptL2: 0 });
    expect(f.w[0]).toBe(0);
    expect(Number.isFinite(f.w[1]!)).toBe(true);
  });
});

describe("choleskySolve", () => {
  it("solves a symmetric positive-definite system", () => {
    // A = [[4, 2], [2, 3]] (lower triangle given), x = [1, −2] → g = [0, −4].
    expect(choleskySolve([[4], [2, 3]], [0, -4]).map((v) => +v.toFixed(12))).toEqual([1, -2]);
  });
});

import { describe, expect, it } from "vitest";
import { createRng } from "../../../../floor/random/createRng.ts";
import { sigmoid } from "./fitLogistic.ts";
import { fitModel, L2_GRID, probability } from "./fitModel.ts";
import type { WindowSamples } from "./WindowSamples.ts";

/** `n` windows of 10 samples of 3 features; a window's label is drawn from σ(signal × its mean first feature). */
function windows(n: number, signal: number, seed: string, upRate = 0.5): WindowSamples[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, (_, k) => {
    const level = rng.normal();
    const xs = Array.from({ length: 10 }, () => [level + 0.3 * rng.normal(), rng.normal(), rng.normal()]);
    const p = signal === 0 ? upRate : sigmoid(signal * level);
    return { marketId: `w${k}`, startTs: k, endTs: k + 1, label: rng.next() < p ? 1 : 0, xs };
  });
}

const split = (ws: WindowSamples[]) => ({ fit: ws.slice(0, Math.round(ws.length * 0.75)), calib: ws.slice(Math.round(ws.length * 0.75)) });

describe("fitModel", () => {
  it("with a strong signal keeps a small penalty and its probabilities follow the signal", () => {
    const { model, report } = fitModel(split(windows(200, 3, "strong")), { l2: 0.3, calibPrior: 2 });
    expect(report.l2).toBeLessThanOrEqual(3);
    const s = new Float64Array(3);
    expect(probability(model, [1, 0, 0], s)).toBeGreaterThan(0.85);
    expect(probability(model, [-1, 0, 0], s)).toBeLessThan(0.15);
    expect(report.calibratedBrier).toBeLessThan(0.2);
  });

  it("with none picks the largest penalty and says the base rate of the windows it fitted", () => {
    const set = split(windows(200, 0, "none", 0.7));
    const { model, report } = fitModel(set, { l2: 0.3, calibPrior: 2 });
    expect(report.l2).toBe(0.3 * L2_GRID[L2_GRID.length - 1]!);
    const rate = set.fit.filter((w) => w.label === 1).length / set.fit.length;
    const s = new Float64Array(3);
    for (const x of [[2, 0, 0], [-2, 1, -1], [0, -2, 2]]) expect(Math.abs(probability(model, x, s) - rate)).toBeLessThan(0.05);
  });

  it("counts each window once, however many samples it has: the same windows with samples repeated give the same model", () => {
    const ws = windows(80, 2, "repeat");
    const doubled = ws.map((w) => ({ ...w, xs: [...w.xs, ...w.xs] }));
    const a = fitModel(split(ws), { l2: 0.3, calibPrior: 2 }).model;
    const b = fitModel(split(doubled), { l2: 0.3, calibPrior: 2 }).model;
    expect(b.w.map((w, i) => w - a.w[i]!).every((d) => Math.abs(d) < 1e-9)).toBe(true);
    expect(b.platt.a).toBeCloseTo(a.platt.a, 9);
  });
});

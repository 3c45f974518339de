import { describe, expect, it } from "vitest";
import { calibrationTable } from "../../../../floor/stats/index.ts";
import { createRng } from "../../../../floor/random/createRng.ts";
import { sigmoid } from "./fitLogistic.ts";
import { applyPlatt, fitPlatt } from "./fitPlatt.ts";

/** Scores of an over-confident model: its log-odds are twice the truth's, and biased by +0.4. */
function overconfident(n: number, seed: string) {
  const rng = createRng(seed);
  const scores: number[] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const truth = 1.5 * rng.normal();
    scores.push(2 * truth + 0.4);
    labels.push(rng.next() < sigmoid(truth) ? 1 : 0);
  }
  return { scores, labels };
}

const brier = (ps: number[], ys: number[]) => ps.reduce((s, p, i) => s + (p - ys[i]!) ** 2, 0) / ps.length;

describe("fitPlatt", () => {
  it("recovers the map back to the truth (a = 1/2, b = −0.2) from a large held-out slice", () => {
    const { scores, labels } = overconfident(20_000, "platt");
    const c = fitPlatt(scores, labels, 2);
    expect(c.a).toBeCloseTo(0.5, 1);
    expect(c.b).toBeCloseTo(-0.2, 1);
  });

  it("makes the forecasts reliable on fresh data: every well-filled bucket within 0.05 of its frequency, and a better Brier", () => {
    const c = fitPlatt(...(Object.values(overconfident(5_000, "fit")) as [number[], number[]]), 2);
    const test = overconfident(20_000, "test");
    const raw = test.scores.map(sigmoid);
    const cal = test.scores.map((s) => applyPlatt(c, s));
    expect(brier(cal, test.labels)).toBeLessThan(brier(raw, test.labels) - 0.005);
    const table = (ps: number[]) => calibrationTable(ps.map((p, i) => ({ p, up: test.labels[i] === 1 })), 10).filter((b) => b.n >= 500);
    const worst = (ps: number[]) => Math.max(...table(ps).map((b) => Math.abs(b.meanP! - b.freqUp!)));
    expect(worst(cal)).toBeLessThan(0.05);
    expect(worst(raw)).toBeGreaterThan(0.08); // the raw model was not: the test can tell
  });

  it("with little held-out data stays near the identity (the prior), and with none is the identity", () => {
    const { scores, labels } = overconfident(6, "few");
    const c = fitPlatt(scores, labels, 20);
    expect(Math.abs(c.a - 1)).toBeLessThan(0.3);
    expect(Math.abs(c.b)).toBeLessThan(0.3);
    expect(fitPlatt([], [], 2)).toEqual({ a: 1, b: 0 });
  });
});

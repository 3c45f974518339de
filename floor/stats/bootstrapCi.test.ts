import { describe, expect, it } from "vitest";
import { createRng } from "../random/createRng.ts";
import { bootstrapCi } from "./bootstrapCi.ts";
import { meanSe } from "./meanSe.ts";

const mean = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;
const normals = (seed: number, n: number, mu: number, sd: number): number[] => {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => mu + sd * rng.normal());
};

describe("bootstrapCi", () => {
  it("works out by hand for two clusters: resampled means 0, ½, 1 with chances ¼, ½, ¼", () => {
    const both = { clusters: [0, 1], statistic: mean, seed: 1 };
    // The 2.5% and 97.5% points fall in the masses at 0 and 1 …
    expect(bootstrapCi(both)).toEqual({ estimate: 0.5, lo: 0, hi: 1, resamples: 2000 });
    // … the 30% and 70% points both in the mass at ½.
    expect(bootstrapCi({ ...both, level: 0.4 })).toEqual({ estimate: 0.5, lo: 0.5, hi: 0.5, resamples: 2000 });
  });

  it("contains the true mean of synthetic data, about as wide as ±1.96 standard errors", () => {
    const xs = normals(11, 400, 3, 10);
    const ci = bootstrapCi({ clusters: xs, statistic: mean, seed: 1 })!;
    const se = meanSe(xs)!;
    expect(ci.estimate).toBeCloseTo(se.mean, 12);
    expect(ci.lo).toBeLessThan(3);
    expect(ci.hi).toBeGreaterThan(3);
    const ratio = (ci.hi - ci.lo) / (se.hi - se.lo);
    expect(ratio).toBeGreaterThan(0.85);
    expect(ratio).toBeLessThan(1.15);
  });

  it("covers the true mean about 95% of the time", () => {
    let covered = 0;
    for (let k = 0; k < 200; k++) {
      const ci = bootstrapCi({ clusters: normals(100 + k, 40, 0, 1), statistic: mean, resamples: 500, seed: k })!;
      if (ci.lo < 0 && ci.hi > 0) covered++;
    }
    expect(covered / 200).toBeGreaterThan(0.88);
    expect(covered / 200).toBeLessThan(0.99);
  });

  it("resampling whole clusters widens the interval as much as their correlation demands", () => {
    // 100 markets of 20 forecasts each that share their market's shock: ~√20 ≈ 4.5 times wider than rows.
    const rng = createRng(5);
    const markets = Array.from({ length: 100 }, () => {
      const shock = rng.normal();
      return Array.from({ length: 20 }, () => shock + 0.1 * rng.normal());
    });
    // Each market reduced once to its sum and count, so a resample only adds 100 pairs.
    const sums = markets.map((m) => ({ sum: m.reduce((s, x) => s + x, 0), n: m.length }));
    const pooled = (sample: ReadonlyArray<{ sum: number; n: number }>): number => sample.reduce((s, m) => s + m.sum, 0) / sample.reduce((s, m) => s + m.n, 0);
    const byMarket = bootstrapCi({ clusters: sums, statistic: pooled, seed: 2 })!;
    const byRow = bootstrapCi({ clusters: markets.flat(), statistic: mean, seed: 2 })!;
    expect(byMarket.estimate).toBeCloseTo(byRow.estimate, 12);
    const ratio = (byMarket.hi - byMarket.lo) / (byRow.hi - byRow.lo);
    expect(ratio).toBeGreaterThan(3.5);
    expect(ratio).toBeLessThan(5.5);
  });

  it("repeats itself for a seed and moves with another", () => {
    const opts = { clusters: normals(3, 50, 0, 1), statistic: mean, resamples: 300 };
    expect(bootstrapCi({ ...opts, seed: "a" })).toEqual(bootstrapCi({ ...opts, seed: "a" }));
    expect(bootstrapCi({ ...opts, seed: "b" })?.lo).not.toBe(bootstrapCi({ ...opts, seed: "a" })?.lo);
  });

  it("is null for no clusters, unbounded for one, and drops non-finite resampled values", () => {
    expect(bootstrapCi({ clusters: [], statistic: mean, seed: 1 })).toBeNull();
    expect(bootstrapCi({ clusters: [4], statistic: mean, seed: 1 })).toEqual({ estimate: 4, lo: -Infinity, hi: Infinity, resamples: 0 });
    // Undefined when only the 1 is drawn: a quarter of the resamples.
    const ci = bootstrapCi({ clusters: [0, 1], statistic: (s) => (s.every((x) => x === 1) ? Number.NaN : mean(s)), seed: 1 })!;
    expect(ci.resamples).toBeGreaterThan(1400);
    expect(ci.resamples).toBeLessThan(1600);
    expect([ci.lo, ci.hi]).toEqual([0, 0.5]);
  });

  it("refuses a meaningless resample count or level", () => {
    expect(() => bootstrapCi({ clusters: [1, 2], statistic: mean, seed: 1, resamples: 0 })).toThrow(RangeError);
    expect(() => bootstrapCi({ clusters: [1, 2], statistic: mean, seed: 1, level: 1 })).toThrow(RangeError);
  });
});

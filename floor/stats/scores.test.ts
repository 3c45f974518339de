import { describe, expect, it } from "vitest";
import { brier } from "./brier.ts";
import { calibrationTable } from "./calibrationTable.ts";
import type { Forecast } from "./Forecast.ts";
import { logLoss } from "./logLoss.ts";

// (0.8, Up), (0.3, Down), (0.6, Down): squared errors 0.04, 0.09, 0.36; probabilities given to
// what happened 0.8, 0.7, 0.4.
const THREE: Forecast[] = [
  { p: 0.8, up: true },
  { p: 0.3, up: false },
  { p: 0.6, up: false },
];
const coin = (n: number): Forecast[] => Array.from({ length: n }, (_, i) => ({ p: 0.5, up: i % 3 === 0 }));

describe("brier", () => {
  it("is the mean squared error: (0.04 + 0.09 + 0.36) / 3", () => {
    expect(brier(THREE)).toBeCloseTo(0.49 / 3, 12);
  });
  it("scores a constant 0.5 at 0.25 whatever happens, a sure hit 0 and a sure miss 1", () => {
    expect(brier(coin(7))).toBe(0.25);
    expect(brier([{ p: 1, up: true }])).toBe(0);
    expect(brier([{ p: 1, up: false }])).toBe(1);
  });
  it("is null for no forecasts and refuses a non-probability", () => {
    expect(brier([])).toBeNull();
    expect(() => brier([{ p: 1.2, up: true }])).toThrow(RangeError);
    expect(() => brier([{ p: Number.NaN, up: true }])).toThrow(RangeError);
  });
});

describe("logLoss", () => {
  it("is the mean −ln of the probability given to what happened: (0.223144 + 0.356675 + 0.916291) / 3", () => {
    expect(logLoss(THREE)).toBeCloseTo(1.49611 / 3, 5);
  });
  it("scores a constant 0.5 at ln 2", () => {
    expect(logLoss(coin(7))).toBeCloseTo(Math.LN2, 12);
  });
  it("clamps p to [eps, 1 − eps], so a sure miss costs −ln eps instead of infinity", () => {
    expect(logLoss([{ p: 0, up: true }])).toBeCloseTo(-Math.log(1e-6), 9);
    expect(logLoss([{ p: 0, up: true }], 0.01)).toBeCloseTo(-Math.log(0.01), 12);
    expect(logLoss([{ p: 1, up: true }])).toBeCloseTo(1e-6, 9);
  });
  it("is null for no forecasts", () => {
    expect(logLoss([])).toBeNull();
  });
});

describe("calibrationTable", () => {
  const rows: Forecast[] = [
    { p: 0.05, up: true },
    { p: 0.1, up: false }, // a bucket's lower edge belongs to it
    { p: 0.12, up: true },
    { p: 0.15, up: false },
    { p: 0.95, up: false },
    { p: 1, up: true }, // 1 goes in the last bucket
  ];
  it("counts each bucket's forecasts, their mean and how often they came Up", () => {
    const t = calibrationTable(rows);
    expect(t).toHaveLength(10);
    expect(t[0]).toEqual({ lo: 0, hi: 0.1, n: 1, meanP: 0.05, freqUp: 1 });
    expect(t[1]).toMatchObject({ lo: 0.1, hi: 0.2, n: 3, freqUp: 1 / 3 });
    expect(t[1]?.meanP).toBeCloseTo(0.37 / 3, 12);
    expect(t[9]).toMatchObject({ lo: 0.9, hi: 1, n: 2, freqUp: 0.5 });
    expect(t[9]?.meanP).toBeCloseTo(0.975, 12);
    expect(t[5]).toEqual({ lo: 0.5, hi: 0.6, n: 0, meanP: null, freqUp: null });
    expect(t.reduce((s, b) => s + b.n, 0)).toBe(rows.length);
  });
  it("takes another bucket count, and an empty input gives empty buckets", () => {
    expect(calibrationTable(rows, 4).map((b) => b.n)).toEqual([4, 0, 0, 2]);
    expect(calibrationTable([], 2)).toEqual([
      { lo: 0, hi: 0.5, n: 0, meanP: null, freqUp: null },
      { lo: 0.5, hi: 1, n: 0, meanP: null, freqUp: null },
    ]);
    expect(() => calibrationTable(rows, 0)).toThrow(RangeError);
  });
});

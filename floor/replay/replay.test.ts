import { describe, expect, it } from "vitest";
import { deriveOutcome, TWAP_RULE_FROM } from "./deriveOutcome.ts";
import { indexAtOrBefore, priceAt, settlePriceAt, twapAt, type SpotSeries } from "./SpotSeries.ts";

const series = (points: Array<[number, number]>): SpotSeries => ({
  symbol: "BTCUSD",
  kind: "ticks",
  ts: Float64Array.from(points.map((p) => p[0])),
  price: Float64Array.from(points.map((p) => p[1])),
});

describe("SpotSeries", () => {
  const s = series([[1000, 10], [2000, 20], [4000, 40]]);
  it("finds the last point at or before a time", () => {
    expect([0, 999, 1000, 1999, 2000, 3999, 9999].map((t) => indexAtOrBefore(s, t))).toEqual([-1, -1, 0, 0, 1, 1, 2]);
  });
  it("treats a gap longer than the allowed age as no price", () => {
    expect(priceAt(s, 3000, 1500)).toBe(20);
    expect(priceAt(s, 3600, 1500)).toBeUndefined();
  });
  it("settles on the exact point, else the first after, else the last before, within the tolerance", () => {
    expect(settlePriceAt(s, 2000, 500)).toBe(20);
    expect(settlePriceAt(s, 1900, 500)).toBe(20);
    expect(settlePriceAt(s, 1400, 500)).toBe(10);
    expect(settlePriceAt(s, 3000, 500)).toBeUndefined();
  });
  it("weights a TWAP by how long each price was in force", () => {
    // (1000, 4000]: 20 for 1000 ms (2000..3000) ... window from 1000: 10 for 1 s, 20 for 2 s
    expect(twapAt(s, 4000, 3000, 5000)).toBeCloseTo((10 * 1000 + 20 * 2000) / 3000, 9);
    expect(twapAt(s, 4000, 3000, 1500)).toBeUndefined(); // the 2000..4000 gap is too long
  });
});

describe("deriveOutcome", () => {
  const s = series([[0, 100], [60_000, 101], [120_000, 100.5], [180_000, 99]]);
  it("resolves Up when the end is at least the start, a tie included", () => {
    expect(deriveOutcome({ startTs: 0, endTs: 120_000 }, s, 5000)).toMatchObject({ outcome: "Up", source: "derived-spot", startPrice: 100, endPrice: 100.5 });
    expect(deriveOutcome({ startTs: 0, endTs: 120_000, strike: 100.5 }, s, 5000).outcome).toBe("Up");
    expect(deriveOutcome({ startTs: 0, endTs: 180_000 }, s, 60_000).outcome).toBe("Down");
  });
  it("uses the recorded strike over the spot at the start", () => {
    expect(deriveOutcome({ startTs: 0, endTs: 120_000, strike: 100.6 }, s, 5000)).toMatchObject({ outcome: "Down", startPrice: 100.6 });
  });
  it("falls back to a decisive last price, then to unknown", () => {
    expect(deriveOutcome({ startTs: 500_000, endTs: 800_000, lastUpPrice: 0.97 }, s, 5000)).toEqual({ outcome: "Up", source: "derived-last-price" });
    expect(deriveOutcome({ startTs: 500_000, endTs: 800_000 }, s, 5000)).toEqual({ outcome: undefined, source: "unknown" });
  });
  it("compares TWAPs after 2026-08-07 when the data carries the lookback", () => {
    const t0 = TWAP_RULE_FROM;
    // Spot ends on a spike above the start, but the 60 s TWAP at the end is below it.
    const spiky = series([[t0 - 60_000, 100], [t0 + 240_000, 99], [t0 + 299_000, 110]]);
    expect(deriveOutcome({ startTs: t0, endTs: t0 + 300_000 }, spiky, 300_000).outcome).toBe("Up");
    expect(deriveOutcome({ startTs: t0, endTs: t0 + 300_000, twapLookbackSec: 60 }, spiky, 300_000)).toMatchObject({ outcome: "Down", source: "derived-twap" });
  });
});

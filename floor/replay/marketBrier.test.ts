import { describe, expect, it } from "vitest";
import { upProbability } from "../pricing/upProbability.ts";
import { marketBrier, poolBrier, realisedVolPerSec, type BriefWindow, type BrierAt } from "./marketBrier.ts";
import type { SpotSeries } from "./SpotSeries.ts";

const MIN = 60_000;
/** A 1-minute spot series from t0 whose log returns alternate ±r (so the realised variance per minute is r²). */
function zigzag(t0: number, minutes: number, r: number): SpotSeries {
  const ts: number[] = [];
  const price: number[] = [];
  let p = 100;
  for (let i = 0; i <= minutes; i++) {
    ts.push(t0 + i * MIN);
    price.push(p);
    p *= Math.exp(i % 2 === 0 ? r : -r);
  }
  return { symbol: "X", kind: "candles-1m", ts: Float64Array.from(ts), price: Float64Array.from(price) };
}
const history = (pts: Array<[number, number]>) => ({ ts: Float64Array.from(pts.map((p) => p[0])), price: Float64Array.from(pts.map((p) => p[1])) });

describe("realisedVolPerSec", () => {
  const s = zigzag(0, 120, 0.001);
  it("is the root of the squared log returns over the time they span", () => {
    expect(realisedVolPerSec(s, 120 * MIN, 60 * MIN, 50)).toBeCloseTo(0.001 / Math.sqrt(60), 12);
  });
  it("uses only the points inside [t − lookback, t]", () => {
    // at 30 minutes only 30 returns lie inside an hour's lookback
    expect(realisedVolPerSec(s, 30 * MIN, 60 * MIN, 50)).toBeUndefined();
    expect(realisedVolPerSec(s, 30 * MIN, 60 * MIN, 30)).toBeCloseTo(0.001 / Math.sqrt(60), 12);
    expect(realisedVolPerSec(s, -1, 60 * MIN, 1)).toBeUndefined();
  });
});

describe("marketBrier", () => {
  const t0 = 120 * MIN; // an hour and more of spot before the first window
  const spot = zigzag(0, 200, 0.001);
  const w = (start: number, outcome: "Up" | "Down", up: Array<[number, number]>): BriefWindow => ({ startTs: start, endTs: start + 15 * MIN, strike: 100, outcome, up: history(up) });
  const windows = [
    w(t0, "Up", [[t0 + 10_000, 0.5], [t0 + 4 * MIN + 10_000, 0.6], [t0 + 5 * MIN + 10_000, 0.7]]),
    w(t0 + 15 * MIN, "Down", [[t0 + 15 * MIN + 5 * MIN, 0.4], [t0 + 15 * MIN + 6 * MIN, 0.3]]),
    // no price after minute 5: not scored at minute 5
    w(t0 + 30 * MIN, "Up", [[t0 + 30 * MIN + MIN, 0.9]]),
  ];
  const [b] = marketBrier(windows, spot, [300], { maxSpotAgeMs: MIN });
  it("scores the last price at or before the moment, the next after it and the model, over the windows with all three", () => {
    expect(b!.n).toBe(2);
    expect(b!.lastBefore).toBeCloseTo(((0.6 - 1) ** 2 + 0.4 ** 2) / 2, 12);
    expect(b!.nextAfter).toBeCloseTo(((0.7 - 1) ** 2 + 0.3 ** 2) / 2, 12);
    expect(b!.lastAgeSec).toBeCloseTo((50 + 0) / 2, 9);
    expect(b!.nextLeadSec).toBeCloseTo((10 + 60) / 2, 9);
  });
  it("prices the model from the spot at the moment, the last hour's volatility and the time left", () => {
    const vol = 0.001 / Math.sqrt(60);
    const p1 = upProbability(spot.price[125]!, 100, vol, 600);
    const p2 = upProbability(spot.price[140]!, 100, vol, 600);
    expect(b!.model).toBeCloseTo(((p1 - 1) ** 2 + p2 ** 2) / 2, 12);
  });
  it("leaves out a moment past the close and a price from before the open", () => {
    expect(marketBrier(windows, spot, [900], { maxSpotAgeMs: MIN })[0]!.n).toBe(0);
    const early = w(t0, "Up", [[t0 - 1000, 0.5], [t0 + 6 * MIN, 0.6]]);
    expect(marketBrier([early], spot, [300], { maxSpotAgeMs: MIN })[0]!.n).toBe(0);
  });
});

describe("poolBrier", () => {
  const part = (n: number, x: number, se: number): BrierAt => ({ atSec: 300, n, lastBefore: x, nextAfter: x, model: x, se: { lastBefore: se, nextAfter: se, model: se }, lastAgeSec: 50, nextLeadSec: 10 });
  it("weights each part by its windows and combines the standard errors", () => {
    const p = poolBrier([part(100, 0.2, 0.01), part(300, 0.1, 0.006)]);
    expect(p.n).toBe(400);
    expect(p.model).toBeCloseTo(0.125, 12);
    expect(p.se.model).toBeCloseTo(Math.sqrt((100 * 0.01) ** 2 + (300 * 0.006) ** 2) / 400, 12);
    expect(p.lastAgeSec).toBeCloseTo(50, 12);
  });
});

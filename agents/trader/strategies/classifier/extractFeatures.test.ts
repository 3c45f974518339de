import { describe, expect, it } from "vitest";
import { SpotSeries, type MarketData, type MarketView, type Top } from "../../core/index.ts";
import { extractFeatures, FEATURES, N_FEATURES } from "./extractFeatures.ts";

const DELTA = 1e-4; // log price rises by this each second: realised σ = DELTA per √s, and a return over `lag` is lag·DELTA
const market = (strike: number): MarketView => ({
  marketId: "m", upTokenId: "u", downTokenId: "d", strike, startTs: 0, endTs: 900_000,
  fee: { rate: 0.07, exponent: 1, takerOnly: true, currency: "usd" } as MarketView["fee"], tickSize: 0.01, minSize: 5_000_000,
});

function data(seconds: number, o: { strike?: number; book?: Top; step?: number } = {}): MarketData {
  const spot = new SpotSeries(600);
  for (let s = 0; s < seconds; s++) spot.push(s * 1000, 100 * Math.exp(s * (o.step ?? DELTA)));
  const last = 100 * Math.exp((seconds - 1) * (o.step ?? DELTA));
  return { spot, market: market(o.strike ?? last * Math.exp(-60 * DELTA)), book: o.book, prints: [], position: { up: 0, down: 0 }, working: [] };
}

describe("extractFeatures", () => {
  it("on a steady climb gives the closed forms: returns √lag in σ units, ln(S/K)/σ√τ, the fraction left, the book's imbalance and spread", () => {
    const book: Top = { bid: 480_000, ask: 520_000, bidSize: 300_000_000, askSize: 100_000_000, ts: 399_000 };
    const x = new Float64Array(N_FEATURES);
    expect(extractFeatures(data(400, { book }), 399_000, x)).toBe(true);
    const want: Record<(typeof FEATURES)[number], number> = {
      ret30: Math.sqrt(30),
      ret120: Math.sqrt(120),
      ret300: Math.sqrt(300),
      logVol15m: Math.log(DELTA * 30),
      zStrike: 60 / Math.sqrt(501), // ln(S/K) = 60·DELTA over σ√τ with 501 s left
      timeLeft: 501 / 900,
      imbalance: 0.5,
      spread: 0.04,
    };
    FEATURES.forEach((f, i) => expect([f, x[i]]).toEqual([f, expect.closeTo(want[f], 9)]));
  });

  it("without a book: no imbalance, and a spread of 1", () => {
    const x = new Float64Array(N_FEATURES);
    expect(extractFeatures(data(400), 399_000, x)).toBe(true);
    expect([x[6], x[7]]).toEqual([0, 1]);
  });

  it("caps the distance to the strike at ±10 volatility units", () => {
    const x = new Float64Array(N_FEATURES);
    expect(extractFeatures(data(400, { strike: 50 }), 399_000, x)).toBe(true);
    expect(x[4]).toBe(10);
    expect(extractFeatures(data(400, { strike: 200 }), 399_000, x)).toBe(true);
    expect(x[4]).toBe(-10);
  });

  it("has nothing to say without a window, after it, before spot reaches back 300 s, or with no volatility", () => {
    const x = new Float64Array(N_FEATURES);
    expect(extractFeatures({ ...data(400), market: null }, 399_000, x)).toBe(false);
    expect(extractFeatures(data(400), 900_000, x)).toBe(false);
    expect(extractFeatures(data(250), 249_000, x)).toBe(false);
    expect(extractFeatures(data(400, { step: 0 }), 399_000, x)).toBe(false);
  });
});

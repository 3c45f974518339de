import { describe, expect, it } from "vitest";
import { createRng } from "../random/createRng.ts";
import { type PairedForecast, skillVsMarket } from "./skillVsMarket.ts";

describe("skillVsMarket", () => {
  it("works out by hand for two markets, leaving out the forecast with no market price", () => {
    const rows: PairedForecast[] = [
      { marketId: "m1", p: 0.8, marketP: 0.6, up: true }, // agent error² 0.04, market 0.16
      { marketId: "m1", p: 0.7, marketP: 0.6, up: true }, // 0.09, 0.16
      { marketId: "m2", p: 0.3, marketP: 0.5, up: false }, // 0.09, 0.25
      { marketId: "m2", p: 0.4, marketP: null, up: false }, // unpaired
    ];
    const r = skillVsMarket(rows, { seed: 1 });
    expect(r).toMatchObject({ n: 3, markets: 2, unpaired: 1 });
    expect(r.brierAgent).toBeCloseTo(0.22 / 3, 12);
    expect(r.brierMarket).toBeCloseTo(0.57 / 3, 12);
    expect(r.logLossAgent).toBeCloseTo((0.223144 + 2 * 0.356675) / 3, 5);
    expect(r.logLossMarket).toBeCloseTo((2 * 0.510826 + 0.693147) / 3, 5);
    expect(r.skill?.estimate).toBeCloseTo(0.35 / 3, 12);
    // Resamples: m1 twice 0.19/2, m2 twice 0.16/1, one each 0.35/3 — the tails sit on the first two.
    expect(r.skill?.lo).toBeCloseTo(0.095, 12);
    expect(r.skill?.hi).toBeCloseTo(0.16, 12);
  });

  // 300 markets of 10 forecasts that share their market's one outcome; the better-informed side wins.
  const rng = createRng(9);
  const informed: PairedForecast[] = [];
  for (let m = 0; m < 300; m++) {
    const q = rng.next();
    const up = rng.next() < q;
    for (let k = 0; k < 10; k++) informed.push({ marketId: `m${m}`, p: q, marketP: 0.5 + 0.3 * (q - 0.5), up });
  }
  const swapped = informed.map((r) => ({ ...r, p: r.marketP ?? 0, marketP: r.p }));

  it("is positive, interval above zero, when the agent knows more than the market", () => {
    const r = skillVsMarket(informed, { seed: 1 });
    expect(r).toMatchObject({ n: 3000, markets: 300, unpaired: 0 });
    expect(r.skill?.lo).toBeGreaterThan(0);
    expect(r.brierAgent).toBeLessThan(r.brierMarket ?? 0);
  });

  it("is negative, interval below zero, when the market knows more, and mirrors the other way round", () => {
    const good = skillVsMarket(informed, { seed: 1 }).skill!;
    const bad = skillVsMarket(swapped, { seed: 1 }).skill!;
    expect(bad.hi).toBeLessThan(0);
    expect(bad.estimate).toBeCloseTo(-good.estimate, 12);
    expect(bad.lo).toBeCloseTo(-good.hi, 12);
  });

  it("is exactly zero, with no width, when the agent repeats the market (the resamples are paired)", () => {
    const echo = informed.map((r) => ({ ...r, p: r.marketP ?? 0 }));
    expect(skillVsMarket(echo, { seed: 1 }).skill).toEqual({ estimate: 0, lo: 0, hi: 0, resamples: 2000 });
  });

  it("says nothing, clearly, without paired forecasts, and nothing of the interval with one market", () => {
    expect(skillVsMarket([], { seed: 1 })).toEqual({ n: 0, markets: 0, unpaired: 0, brierAgent: null, brierMarket: null, logLossAgent: null, logLossMarket: null, skill: null });
    const unpaired = skillVsMarket([{ marketId: "m", p: 0.6, marketP: undefined, up: true }, { marketId: "m", p: 0.6, marketP: Number.NaN, up: true }], { seed: 1 });
    expect(unpaired).toMatchObject({ n: 0, unpaired: 2, skill: null });
    const one = skillVsMarket(informed.slice(0, 10), { seed: 1 });
    expect(one).toMatchObject({ n: 10, markets: 1, skill: { lo: -Infinity, hi: Infinity } });
  });

  it("refuses a probability outside [0, 1]", () => {
    expect(() => skillVsMarket([{ marketId: "m", p: 0.5, marketP: 1.5, up: true }], { seed: 1 })).toThrow(RangeError);
  });
});

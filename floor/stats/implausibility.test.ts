import { describe, expect, it } from "vitest";
import { implausibility } from "./implausibility.ts";

const PROFIT = { lo: 12, hi: 80 };
const LOSS = { lo: -80, hi: -12 };
const UNSURE = { lo: -20, hi: 40 };
const SKILLED = { lo: 0.002, hi: 0.01 };
const NO_BETTER = { lo: -0.004, hi: 0.003 };

describe("implausibility", () => {
  it("doubts a sure profit from forecasts no better than the market's", () => {
    expect(implausibility({ pnl: PROFIT, skill: NO_BETTER })).toEqual([
      "profit whose interval excludes zero from an agent whose forecasts are no better than the market's: check the fills (stale quotes, look-ahead) before believing it",
    ]);
  });
  it("doubts a sure profit when skill was never measured", () => {
    const w = implausibility({ pnl: PROFIT, skill: null });
    expect(w).toHaveLength(1);
    expect(w[0]).toMatch(/^profit whose interval excludes zero .* never compared with the market's/);
  });
  it("accepts a profit explained by skill, and says nothing of a PnL that may be zero", () => {
    expect(implausibility({ pnl: PROFIT, skill: SKILLED })).toEqual([]);
    expect(implausibility({ pnl: UNSURE, skill: NO_BETTER })).toEqual([]);
    expect(implausibility({ pnl: UNSURE, skill: null })).toEqual([]);
  });
  it("points at costs when skill is real but the money is lost", () => {
    expect(implausibility({ pnl: LOSS, skill: SKILLED })).toEqual([expect.stringMatching(/^loss .* fees, spread or sizing/)]);
    expect(implausibility({ pnl: LOSS, skill: NO_BETTER })).toEqual([]);
  });
  it("doubts a mean return per trade above 20% whose interval is above zero", () => {
    const big = { estimate: 0.35, lo: 0.22, hi: 0.48 };
    expect(implausibility({ pnl: PROFIT, skill: SKILLED, returnPerTrade: big })).toEqual([
      "mean return per trade 35.0% (interval 22.0% to 48.0%) is above 20.0%: these markets are close to efficient and the fee and spread cost about 1.75 points at 0.50, so look for fills at prices no one offered before believing it",
    ]);
    expect(implausibility({ pnl: PROFIT, skill: SKILLED, returnPerTrade: { ...big, lo: -0.05 } })).toEqual([]);
    expect(implausibility({ pnl: PROFIT, skill: SKILLED, returnPerTrade: { estimate: 0.08, lo: 0.02, hi: 0.14 } })).toEqual([]);
    expect(implausibility({ pnl: PROFIT, skill: SKILLED, returnPerTrade: { estimate: 0.08, lo: 0.02, hi: 0.14 }, maxReturnPerTrade: 0.05 })).toHaveLength(1);
  });
  it("can give both warnings at once", () => {
    expect(implausibility({ pnl: PROFIT, skill: null, returnPerTrade: { estimate: 0.3, lo: 0.1, hi: 0.5 } })).toHaveLength(2);
  });
});

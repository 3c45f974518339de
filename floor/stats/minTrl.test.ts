import { describe, expect, it } from "vitest";
import { minTrl } from "./minTrl.ts";
import { psr } from "./psr.ts";
import { sharpeMoments } from "./sharpeMoments.ts";

/**
 * A record of buying one side at `price` with the taker fee in pUSD (cost per share
 * p + rate·p(1 − p)), winning exactly `winRate` of `n` trades: return (1 − cost)/cost on a win, −1 on a loss.
 */
function binaryRecord(price: number, winRate: number, feeRate: number, n: number): number[] {
  const cost = price + feeRate * price * (1 - price);
  const wins = Math.round(winRate * n);
  return Array.from({ length: n }, (_, i) => (i < wins ? (1 - cost) / cost : -1));
}

describe("minTrl", () => {
  it("reproduces mlfinlab's test: MinTRL(1.14, 1, 0, 3, 0.05) = 228.73498", () => {
    expect(minTrl(1.14, 1, 0, 3, 0.05)).toBeCloseTo(228.73498, 4);
  });

  // "The Sharpe Ratio Efficient Frontier" (2012), HFRI, 95%: 8.58 and 13.91 months (0.7152 y, 1.1593 y).
  it.each([
    [0.7079, -0.225, 2.957, 0.7152],
    [0.8183, -1.4455, 7.0497, 1.1593],
  ])("HFRI: SR %s, skew %s, kurt %s needs %s years of months", (sr, skew, kurt, years) => {
    expect(minTrl(sr, 0, skew, kurt, 0.05) / 12).toBeCloseTo(years, 4);
  });

  // polyfloor's own table (research-2026-12 §1): SR, skew and kurt from the binary payoff of
  // 20,000 trades with the exact win rate (sd with ddof 1 moves MinTRL by 5e−5 relative).
  it.each([
    [0.5, 0.55, 0, 0.1005, -0.201, 1.04, 274],
    [0.5, 0.55, 0.07, 0.0653, -0.201, 1.04, 643],
    [0.5, 0.53, 0.07, 0.025, -0.12, 1.014, 4327],
    [0.8, 0.84, 0.07, 0.0786, -1.855, 4.44, 506],
  ])("buying at %s with win rate %s and fee %s: SR %s, skew %s, kurt %s, MinTRL %s trades", (price, q, fee, sr, skew, kurt, trades) => {
    const m = sharpeMoments(binaryRecord(price, q, fee, 20_000));
    expect(m.sr).toBeCloseTo(sr, 4);
    expect(m.skew).toBeCloseTo(skew, 3);
    expect(m.kurt).toBeCloseTo(kurt, 3);
    expect(Math.round(minTrl(m.sr, 0, m.skew, m.kurt, 0.05))).toBe(trades);
  });

  it("is the length at which PSR reaches 1 − α (or α for a losing record)", () => {
    const [skew, kurt] = [-0.5, 4];
    for (const sr of [0.08, -0.08]) {
      const n = minTrl(sr, 0, skew, kurt, 0.05);
      expect(psr(sr, 0, n, skew, kurt)).toBeCloseTo(sr > 0 ? 0.95 : 0.05, 6);
    }
  });

  it("is infinite when sr equals the benchmark, and refuses an α outside (0, 1)", () => {
    expect(minTrl(0, 0)).toBe(Infinity);
    expect(minTrl(0.3, 0.3, -1, 5)).toBe(Infinity);
    expect(() => minTrl(0.1, 0, 0, 3, 0)).toThrow(RangeError);
    expect(() => minTrl(0.1, 0, 0, 3, 1)).toThrow(RangeError);
  });
});

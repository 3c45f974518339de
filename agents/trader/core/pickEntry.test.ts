import { describe, expect, it } from "vitest";
import { pickEntry } from "./pickEntry.ts";
import type { MarketView } from "./MarketView.ts";

const m: MarketView = { marketId: "m", upTokenId: "1", downTokenId: "2", strike: 95_000, startTs: 0, endTs: 900_000, fee: { rate: 0.07, exponent: 1, takerOnly: true }, tickSize: 10_000, minSize: 5_000_000 };
const rules = { minEdge: 0.04, maxPrice: 0.9, minPrice: 0.1, kellyFraction: 0.25 };
const CASH = 1_000_000_000; // $1,000

describe("pickEntry", () => {
  it("buys Up when it is cheap enough after a pUSD fee, sized by quarter Kelly on what a share costs with it", () => {
    // belief 0.6, ask 0.5: fee $0.0175 a share, so a share costs 0.5175; Kelly (0.6−0.5175)/0.4825 · 0.25 = 4.2746% of $1,000,
    // $42.746 buys 82.60 shares at 0.5175
    expect(pickEntry(m, 0.6, 480_000, 500_000, rules, CASH)).toEqual({ marketId: "m", tokenId: "1", outcome: "Up", side: "BUY", type: "FAK", price: 500_000, size: 82_600_000, belief: 0.6 });
  });
  it("counts a fee in shares as fewer shares to win with", () => {
    // belief 0.6, ask 0.5: fee 0.07·0.25 = 1.75% of shares, value 0.5895, Kelly (0.5895−0.5)/0.5 · 0.25 = 4.475% of $1,000
    const shares = { ...m, fee: { ...m.fee, currency: "shares" as const } };
    expect(pickEntry(shares, 0.6, 480_000, 500_000, rules, CASH)).toEqual({ marketId: "m", tokenId: "1", outcome: "Up", side: "BUY", type: "FAK", price: 500_000, size: 89_500_000, belief: 0.6 });
  });
  it("needs the edge after the fee: 0.0175 of fee on a 0.05 edge leaves 0.0325, under a 0.04 minimum", () => {
    expect(pickEntry(m, 0.55, 480_000, 500_000, rules, CASH)).toBeUndefined();
    expect(pickEntry({ ...m, fee: { ...m.fee, rate: 0 } }, 0.55, 480_000, 500_000, rules, CASH)?.outcome).toBe("Up");
  });
  it("buys Down (at 1 − bid) when Up looks expensive", () => {
    expect(pickEntry(m, 0.3, 520_000, 540_000, rules, CASH)).toMatchObject({ outcome: "Down", tokenId: "2", price: 480_000 });
  });
  it("passes when the edge after fees is too thin, the price out of range, or the size too small", () => {
    expect(pickEntry(m, 0.53, 480_000, 500_000, rules, CASH)).toBeUndefined();
    expect(pickEntry(m, 0.99, 940_000, 950_000, rules, CASH)).toBeUndefined();
    expect(pickEntry(m, 0.6, 480_000, 500_000, rules, 10_000_000)).toBeUndefined(); // $10 buys under 5 shares
  });
  it("works with one side of the book only", () => {
    expect(pickEntry(m, 0.6, undefined, 500_000, rules, CASH)?.outcome).toBe("Up");
    expect(pickEntry(m, 0.6, undefined, undefined, rules, CASH)).toBeUndefined();
  });
});

import { describe, expect, it } from "vitest";
import { bookFill } from "./bookFill.ts";
import { checkOrder } from "./checkOrder.ts";
import { matchOrder } from "./matchOrder.ts";

const M = 1_000_000;
const book = () => ({
  bids: [{ price: 480_000, size: 10 * M }, { price: 470_000, size: 20 * M }],
  asks: [{ price: 520_000, size: 10 * M }, { price: 530_000, size: 20 * M }],
});

describe("matchOrder", () => {
  it("walks Up asks up to the limit and leaves the rest of the book", () => {
    const r = matchOrder(book(), { outcome: "Up", side: "BUY", price: 530_000, size: 25 * M });
    expect(r.matches).toEqual([{ price: 520_000, size: 10 * M }, { price: 530_000, size: 15 * M }]);
    expect(r.remaining).toBe(0);
    expect(r.book.asks).toEqual([{ price: 530_000, size: 5 * M }]);
    expect(r.book.bids).toEqual(book().bids);
  });
  it("never fills beyond the book's liquidity or past the limit", () => {
    const r = matchOrder(book(), { outcome: "Up", side: "BUY", price: 520_000, size: 25 * M });
    expect(r.matches).toEqual([{ price: 520_000, size: 10 * M }]);
    expect(r.remaining).toBe(15 * M);
  });
  it("buys Down against Up bids at 1 − bid", () => {
    const r = matchOrder(book(), { outcome: "Down", side: "BUY", price: 530_000, size: 12 * M });
    expect(r.matches).toEqual([{ price: 520_000, size: 10 * M }, { price: 530_000, size: 2 * M }]);
    expect(r.book.bids).toEqual([{ price: 470_000, size: 18 * M }]);
  });
  it("sells Up into bids at or above the limit", () => {
    const r = matchOrder(book(), { outcome: "Up", side: "SELL", price: 475_000, size: 15 * M });
    expect(r.matches).toEqual([{ price: 480_000, size: 10 * M }]);
    expect(r.remaining).toBe(5 * M);
  });
});

describe("bookFill", () => {
  const fee = { rate: 0.07, exponent: 1, takerOnly: true };
  it("charges a buy in shares and its notional in cash", () => {
    expect(bookFill("BUY", 500_000, 100 * M, fee)).toEqual({ feeShares: 1_750_000, feeUsd: 0, cashDelta: -50 * M, sharesDelta: 98_250_000 });
  });
  it("charges a sell in cash", () => {
    expect(bookFill("SELL", 500_000, 100 * M, fee)).toEqual({ feeShares: 0, feeUsd: 1_750_000, cashDelta: 48_250_000, sharesDelta: -100 * M });
  });
});

describe("checkOrder", () => {
  const market = { tickSize: 10_000, minSize: 5 * M };
  it("accepts a price on the tick grid and a size above the minimum", () => {
    expect(checkOrder({ price: 520_000, size: 5 * M }, market)).toBeUndefined();
  });
  it("refuses off-tick prices and small sizes with the CLOB's wording", () => {
    expect(checkOrder({ price: 525_000, size: 10 * M }, market)).toMatch(/invalid price/);
    expect(checkOrder({ price: 520_000, size: 4 * M }, market)).toMatch(/lower than the minimum: 5/);
  });
});

import { describe, expect, it } from "vitest";
import { checkFillPrice } from "./checkFillPrice.ts";

// The Up book: 0.49 bid / 0.51 ask, then 0.52 / 0.54.
const tops = [{ bid: 490_000, ask: 510_000 }, { bid: 520_000, ask: 540_000 }];

describe("checkFillPrice", () => {
  it("passes taker fills at or beyond the best of the last two books, in each outcome's terms", () => {
    expect(checkFillPrice({ side: "BUY", outcome: "Up", price: 510_000, liquidity: "taker" }, 560_000, tops)).toBeUndefined(); // the older view's ask
    expect(checkFillPrice({ side: "SELL", outcome: "Up", price: 520_000, liquidity: "taker" }, 500_000, tops)).toBeUndefined();
    // Down at c is Up at 1 − c: a Down buy takes Up bids (best 0.52: Down at 0.48 at best), a Down sell takes Up asks (best 0.51: Down 0.49).
    expect(checkFillPrice({ side: "BUY", outcome: "Down", price: 480_000, liquidity: "taker" }, 500_000, tops)).toBeUndefined();
    expect(checkFillPrice({ side: "SELL", outcome: "Down", price: 490_000, liquidity: "taker" }, 450_000, tops)).toBeUndefined();
  });
  it("flags a taker fill better than any book offered", () => {
    expect(checkFillPrice({ side: "BUY", outcome: "Up", price: 500_000, liquidity: "taker" }, 560_000, tops)).toEqual({
      rule: "price.book", allowed: 510_000, actual: 500_000, reason: "taker BUY Up at 500000, better than the book's lowest 510000",
    });
    expect(checkFillPrice({ side: "SELL", outcome: "Up", price: 530_000, liquidity: "taker" }, 500_000, tops)).toMatchObject({ allowed: 520_000, actual: 530_000 });
    expect(checkFillPrice({ side: "BUY", outcome: "Down", price: 470_000, liquidity: "taker" }, 500_000, tops)).toMatchObject({ allowed: 480_000, actual: 470_000 });
    expect(checkFillPrice({ side: "SELL", outcome: "Down", price: 500_000, liquidity: "taker" }, 450_000, tops)).toMatchObject({ allowed: 490_000, actual: 500_000 });
  });
  it("holds a maker fill to its order's own limit", () => {
    expect(checkFillPrice({ side: "BUY", outcome: "Up", price: 480_000, liquidity: "maker" }, 480_000, tops)).toBeUndefined();
    expect(checkFillPrice({ side: "BUY", outcome: "Up", price: 470_000, liquidity: "maker" }, 480_000, tops)).toMatchObject({ rule: "price.book", allowed: 480_000, actual: 470_000 });
  });
  it("does not judge without a book side, or a fill of unknown liquidity", () => {
    expect(checkFillPrice({ side: "BUY", outcome: "Up", price: 10_000, liquidity: "taker" }, 560_000, [{ bid: 490_000 }])).toBeUndefined();
    expect(checkFillPrice({ side: "BUY", outcome: "Up", price: 10_000 }, 560_000, tops)).toBeUndefined();
  });
});

import { describe, expect, it } from "vitest";
import { OrderBook } from "./OrderBook.ts";

const L = (price: number, size: number) => ({ price, size });
const seed = (b: OrderBook, ts = 1000) =>
  b.applySnapshot({
    // The wire sends best levels last; the book must not care.
    bids: [L(480_000, 30e6), L(490_000, 20e6), L(500_000, 10e6)],
    asks: [L(530_000, 60e6), L(520_000, 25e6), L(510_000, 5e6)],
    timestampMs: ts,
    hash: "0xaaa",
    tickSize: 10_000,
  });

describe("OrderBook", () => {
  it("reads a snapshot best first whatever the wire order", () => {
    const b = new OrderBook("1");
    expect(b.seeded).toBe(false);
    expect(seed(b)).toBe("applied");
    expect(b.bids().map((l) => l.price)).toEqual([500_000, 490_000, 480_000]);
    expect(b.asks().map((l) => l.price)).toEqual([510_000, 520_000, 530_000]);
    expect(b.bestBid()).toEqual(L(500_000, 10e6));
    expect(b.bestAsk()).toEqual(L(510_000, 5e6));
    expect(b.tickSize).toBe(10_000);
    expect(b.updatedAt).toBe(1000);
  });

  it("limits levels to the configured depth or an explicit n", () => {
    const b = new OrderBook("1", { depth: 2 });
    seed(b);
    expect(b.bids()).toHaveLength(2);
    expect(b.asks(1)).toEqual([L(510_000, 5e6)]);
  });

  it("applies price changes as absolute sizes; size 0 removes the level", () => {
    const b = new OrderBook("1");
    seed(b);
    expect(b.applyChange({ side: "BUY", price: 500_000, size: 200e6, timestampMs: 1100, hash: "h1" })).toBe("applied");
    expect(b.bestBid()).toEqual(L(500_000, 200e6));
    b.applyChange({ side: "SELL", price: 510_000, size: 0, timestampMs: 1100, hash: "h1" });
    expect(b.bestAsk()).toEqual(L(520_000, 25e6));
    b.applyChange({ side: "BUY", price: 505_000, size: 1e6, timestampMs: 1200, hash: "h2" });
    expect(b.bids(2).map((l) => l.price)).toEqual([505_000, 500_000]);
    expect(b.updatedAt).toBe(1200);
  });

  it("drops a resent change but applies a genuine return to an earlier state", () => {
    const b = new OrderBook("1");
    seed(b);
    const c = { side: "BUY" as const, price: 500_000, size: 7e6, timestampMs: 1100, hash: "h1" };
    expect(b.applyChange(c)).toBe("applied");
    expect(b.applyChange({ ...c })).toBe("duplicate");
    b.applyChange({ ...c, size: 8e6, timestampMs: 1200, hash: "h2" });
    expect(b.applyChange({ ...c, timestampMs: 1300 })).toBe("applied");
    expect(b.bestBid()).toEqual(L(500_000, 7e6));
  });

  it("ignores updates older than the last snapshot, and older snapshots", () => {
    const b = new OrderBook("1");
    seed(b, 5000);
    expect(b.applyChange({ side: "BUY", price: 400_000, size: 1e6, timestampMs: 4000 })).toBe("stale");
    expect(seed(b, 4000)).toBe("stale");
    expect(b.bids()).toHaveLength(3);
  });

  it("a fresh snapshot replaces every level; a duplicate snapshot is reported", () => {
    const b = new OrderBook("1");
    seed(b);
    expect(seed(b)).toBe("duplicate");
    b.applySnapshot({ bids: [L(400_000, 1e6)], asks: [], timestampMs: 2000, minSize: 5e6 });
    expect(b.bids()).toEqual([L(400_000, 1e6)]);
    expect(b.asks()).toEqual([]);
    expect(b.minSize).toBe(5e6);
  });

  it("takes tick size changes", () => {
    const b = new OrderBook("1");
    seed(b);
    b.setTickSize(1_000, 3000);
    expect(b.tickSize).toBe(1_000);
    expect(b.updatedAt).toBe(3000);
  });

  it("remembers a bounded number of update keys", () => {
    const b = new OrderBook("1", { dedupeMemory: 3 });
    seed(b);
    const c = (hash: string) => ({ side: "BUY" as const, price: 500_000, size: 1e6, timestampMs: 1100, hash });
    for (const h of ["a", "b", "c", "d"]) b.applyChange(c(h));
    expect(b.applyChange(c("d"))).toBe("duplicate");
    expect(b.applyChange(c("a"))).toBe("applied"); // forgotten: memory stays bounded
  });
});

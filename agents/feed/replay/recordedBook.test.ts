import { describe, expect, it } from "vitest";
import { recordedBook } from "./recordedBook.ts";

const c = (x: number) => Math.round(x * 1000) * 1000; // USD → micro, to a tenth of a cent
const prices = (b: ReturnType<typeof recordedBook>) => ({ bids: b.bids.map((l) => l.price), asks: b.asks.map((l) => l.price) });

describe("recordedBook: the conservative book around a recorded price", () => {
  it("stands at least a cent either side, five levels of 500 shares a tick apart", () => {
    const b = recordedBook(0.5, 10_000);
    expect(prices(b)).toEqual({ bids: [0.49, 0.48, 0.47, 0.46, 0.45].map(c), asks: [0.51, 0.52, 0.53, 0.54, 0.55].map(c) });
    expect(b.bids.every((l) => l.size === 500_000_000)).toBe(true);
  });

  it("rounds away from a price between ticks (never a tighter spread than 2¢)", () => {
    expect(prices(recordedBook(0.445, 10_000))).toMatchObject({ bids: [c(0.43), c(0.42), c(0.41), c(0.4), c(0.39)], asks: [c(0.46), c(0.47), c(0.48), c(0.49), c(0.5)] });
  });

  it("keeps the cent on a finer tick, and stays inside [tick, 1 − tick]", () => {
    expect(prices(recordedBook(0.5, 1_000)).bids[0]).toBe(c(0.49));
    expect(prices(recordedBook(0.5, 1_000)).asks[0]).toBe(c(0.51));
    const edge = recordedBook(0.015, 10_000);
    expect(edge.bids).toEqual([]); // 0.005 rounds down to 0: no bid inside the range
    expect(prices(edge).asks[0]).toBe(c(0.03));
    expect(prices(recordedBook(0.985, 10_000))).toMatchObject({ bids: [c(0.97), c(0.96), c(0.95), c(0.94), c(0.93)], asks: [] }); // 0.995 rounds up to 1
  });
});

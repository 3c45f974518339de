import { describe, expect, it } from "vitest";
import { SpotHistory } from "./SpotHistory.ts";

const P = (tsMs: number, priceUsd: number) => ({ tsMs, priceUsd });

describe("SpotHistory", () => {
  it("finds the price in effect at a time, preferring the point at or before it", () => {
    const h = new SpotHistory();
    for (const p of [P(1000, 1), P(3000, 3), P(2000, 2)]) h.add(p);
    expect(h.latest()).toEqual(P(3000, 3));
    expect(h.at(2000, 500)).toEqual(P(2000, 2));
    expect(h.at(2400, 500)).toEqual(P(2000, 2));
    expect(h.at(2800, 500)).toEqual(P(3000, 3));
    expect(h.at(500, 600)).toEqual(P(1000, 1));
    expect(h.at(10_000, 500)).toBeUndefined();
  });
  it("replaces a repeated time and stays bounded", () => {
    const h = new SpotHistory(2);
    h.add(P(1, 1));
    h.add(P(1, 5));
    expect(h.at(1, 0)).toEqual(P(1, 5));
    h.add(P(2, 2));
    h.add(P(3, 3));
    expect(h.at(1, 0)).toBeUndefined();
    expect(h.latest()).toEqual(P(3, 3));
  });
});

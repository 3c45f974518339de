import { describe, expect, it } from "vitest";
import { upProbability } from "../../../../floor/pricing/index.ts";
import { scriptedMarket } from "../../../../tests/helpers/scriptedMarket.ts";
import { meanReversion, MeanReversionParams } from "./meanReversion.ts";

const SIGMA = 1e-4; // per second
const OPEN_S = 300; // the window opens at 300 s, spot runs from 0
const NOW_S = 600; // decisions at 600 s: five minutes into the window, ten left

/**
 * Spot once a second until `NOW_S`: a zigzag of ±σ around 100,000 (realised volatility σ, no
 * trend, the last point at its average), then `stretch` (a log move) spread over the last 30 s.
 */
function path(stretch: number): number[] {
  const out: number[] = [];
  for (let s = 0; s < NOW_S; s++) {
    const ramp = s >= NOW_S - 30 ? (stretch * (s - (NOW_S - 31))) / 30 : 0;
    out.push(100_000 * Math.exp((s % 2 === 0 ? 0 : SIGMA) + ramp));
  }
  return out;
}

/** The market where spot has followed `prices`, its strike at the last price (so the window is at the money now). */
function market(prices: number[], params: Record<string, unknown> = {}) {
  const last = prices[prices.length - 1]!;
  const mk = scriptedMarket(meanReversion, params, { strike: last, startTs: OPEN_S * 1000 });
  mk.spotPath(0, prices.length, (s) => prices[s]!);
  mk.open();
  return mk;
}

describe("meanReversion on a scripted market", () => {
  it("after a stretch up, believes spot gives some back and buys Down from a book at the driftless fair value", () => {
    const mk = market(path(0.004));
    const now = NOW_S * 1000;
    const fair = upProbability(mk.market.strike, mk.market.strike, SIGMA, 600);
    expect(fair).toBeCloseTo(0.5, 6);
    mk.book(now, fair); // Down offered at 0.51 (one minus the Up bid)
    expect(mk.pUp(now)!).toBeLessThan(fair - 0.1);
    const orders = mk.orders(now);
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({ outcome: "Down", side: "BUY", type: "FAK", price: 510_000, tokenId: "2" });
    expect(orders[0]!.belief).toBeGreaterThan(0.6);
  });

  it("after a stretch down, buys Up", () => {
    const mk = market(path(-0.004));
    const now = NOW_S * 1000;
    mk.book(now, 0.5);
    expect(mk.pUp(now)!).toBeGreaterThan(0.6);
    expect(mk.orders(now)).toMatchObject([{ outcome: "Up", side: "BUY", price: 510_000, tokenId: "1" }]);
  });

  it("does not fire without a stretch, however cheap the book looks to its belief", () => {
    const mk = market(path(0));
    const now = NOW_S * 1000;
    mk.book(now, 0.3); // Up offered at 0.31 when it believes about 0.5
    expect(mk.pUp(now)!).toBeCloseTo(0.5, 1);
    expect(mk.orders(now)).toEqual([]);
  });

  it("fires only past minZ: a stretch it buys at minZ 2 it leaves at minZ 6", () => {
    const prices = path(0.004);
    const now = NOW_S * 1000;
    const low = market(prices, { minZ: 2 });
    const high = market(prices, { minZ: 6 });
    for (const mk of [low, high]) mk.book(now, 0.5);
    expect(low.orders(now)).toHaveLength(1);
    expect(high.orders(now)).toEqual([]);
  });

  it("with no reversion expected, a stretch is no edge against a fair book", () => {
    const mk = market(path(0.004), { reversion: 0 });
    const now = NOW_S * 1000;
    mk.book(now, 0.5);
    expect(mk.pUp(now)!).toBeCloseTo(0.5, 6);
    expect(mk.orders(now)).toEqual([]);
  });

  it("keeps its parameters inside their bounds", () => {
    expect(MeanReversionParams.safeParse({ reversion: 1.5 }).success).toBe(false);
    expect(MeanReversionParams.safeParse({ minZ: 0 }).success).toBe(false);
    expect(MeanReversionParams.safeParse({ lookbackSec: 10 }).success).toBe(false);
    expect(MeanReversionParams.safeParse({ minPrice: 0.9, maxPrice: 0.5 }).success).toBe(false);
    expect(MeanReversionParams.parse({})).toMatchObject({ lookbackSec: 300, minZ: 2, reversion: 0.3 });
  });
});

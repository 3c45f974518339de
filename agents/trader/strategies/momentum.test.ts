import { describe, expect, it } from "vitest";
import { scriptedMarket } from "../../../tests/helpers/scriptedMarket.ts";
import { momentum } from "./momentum.ts";

const SIGMA = 1e-4; // per second
const NOW_S = 600; // the window opened at 300 s; ten minutes left

/** Spot once a second until NOW_S: a zigzag of ±σ with a steady log drift per second, ending at the strike. */
function market(driftPerSec: number, params: Record<string, unknown> = {}) {
  const price = (s: number) => 100_000 * Math.exp((s % 2 === 0 ? 0 : SIGMA) + driftPerSec * (s - (NOW_S - 1)));
  const mk = scriptedMarket(momentum, params, { strike: price(NOW_S - 1), startTs: 300_000 });
  mk.spotPath(0, NOW_S, price);
  mk.open();
  mk.book(NOW_S * 1000, 0.5);
  return mk;
}

describe("momentum on a scripted market", () => {
  const now = NOW_S * 1000;

  it("a rising spot makes it believe Up and buy Up", () => {
    const mk = market(2e-6); // +0.024% over its two-minute lookback
    expect(mk.pUp(now)!).toBeGreaterThan(0.6);
    expect(mk.orders(now)).toMatchObject([{ outcome: "Up", side: "BUY", tokenId: "1", price: 510_000 }]);
  });

  it("a falling spot makes it believe Down and buy Down", () => {
    const mk = market(-2e-6);
    expect(mk.pUp(now)!).toBeLessThan(0.4);
    expect(mk.orders(now)).toMatchObject([{ outcome: "Down", side: "BUY", tokenId: "2", price: 510_000 }]);
  });

  it("a flat spot is no edge against a book at one half", () => {
    const mk = market(0);
    expect(mk.pUp(now)!).toBeCloseTo(0.5, 1);
    expect(mk.orders(now)).toEqual([]);
  });

  it("with driftWeight 0 it expects no drift to carry on, rising spot or not", () => {
    const mk = market(2e-6, { driftWeight: 0 });
    expect(mk.pUp(now)!).toBeCloseTo(0.5, 1);
    expect(mk.orders(now)).toEqual([]);
  });

  it("enters once a window", () => {
    const mk = market(2e-6);
    const [order] = mk.orders(now);
    mk.core.placed("i-1", order!);
    mk.core.onOrder({ type: "fill", intentId: "i-1", marketId: mk.market.marketId, outcome: "Up", size: order!.size, sharesDelta: order!.size });
    mk.book(now + 1000, 0.5);
    expect(mk.orders(now + 1000)).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { MICRO } from "../../../../protocols/index.ts";
import { scriptedMarket } from "../../../../tests/helpers/scriptedMarket.ts";
import { volumeSpike, VolumeSpikeParams } from "./volumeSpike.ts";

const SIGMA = 1e-4; // per second
const NOW_S = 600; // the window opened at 0 s; decisions ten minutes in, five minutes left

type Print = { s: number; up: boolean; shares: number; token?: "Up" | "Down" };

/**
 * The window open from 0 s, spot once a second until NOW_S (a zigzag of ±σ ending at the strike:
 * no trend, fair value one half) and `prints` at their seconds, all in time order; the book at one half.
 */
function market(prints: Print[], params: Record<string, unknown> = {}) {
  const price = (s: number) => 100_000 * Math.exp(s % 2 === 0 ? SIGMA : 0);
  const mk = scriptedMarket(volumeSpike, params, { strike: price(NOW_S - 1), startTs: 0 });
  mk.open();
  const byTime = [...prints].sort((a, b) => a.s - b.s);
  let j = 0;
  for (let s = 0; s < NOW_S; s++) {
    mk.spot(s * 1000, price(s));
    for (; j < byTime.length && byTime[j]!.s === s; j++) {
      const p = byTime[j]!;
      // A taker buying Down is selling Up, in Up terms: printed on the Down token it counts against Up.
      if (p.token === "Down") mk.core.onTrade(mk.market.marketId, mk.market.downTokenId, 500_000, p.shares * MICRO, p.up ? "SELL" : "BUY", s * 1000);
      else mk.print(s * 1000, p.up, p.shares);
    }
  }
  mk.book(NOW_S * 1000, 0.5);
  return mk;
}

/** Noise: 50 shares every 30 s, alternately bought and sold (about 100 shares a minute, no side). */
const quiet: Print[] = Array.from({ length: NOW_S / 30 }, (_, k) => ({ s: k * 30 + 7, up: k % 2 === 0, shares: 50 }));
/** A burst in the last 20 s: three prints of 400 shares, one way. */
const burst = (up: boolean, token: "Up" | "Down" = "Up"): Print[] => [581, 588, 595].map((s) => ({ s, up, shares: 400, token }));

describe("volumeSpike on a scripted market", () => {
  const now = NOW_S * 1000;

  it("buys Up with a burst of Up buying", () => {
    const mk = market([...quiet, ...burst(true)]);
    expect(mk.pUp(now)!).toBeGreaterThan(0.58);
    expect(mk.orders(now)).toMatchObject([{ outcome: "Up", side: "BUY", tokenId: "1", price: 510_000 }]);
  });

  it("buys Down with a burst of Down buying (Up selling, in Up terms)", () => {
    const mk = market([...quiet, ...burst(false, "Down")]);
    expect(mk.pUp(now)!).toBeLessThan(0.42);
    expect(mk.orders(now)).toMatchObject([{ outcome: "Down", side: "BUY", tokenId: "2", price: 510_000 }]);
  });

  it("does not trade the same one-sided flow without a burst", () => {
    // Up bought all along at a steady rate: the flow is all one way, but the last minute is no busier than the rest.
    const steady: Print[] = Array.from({ length: NOW_S / 10 }, (_, k) => ({ s: k * 10 + 3, up: true, shares: 100 }));
    const mk = market(steady);
    expect(mk.pUp(now)!).toBeCloseTo(0.5, 2);
    expect(mk.orders(now)).toEqual([]);
  });

  it("does not trade a burst that is two-sided", () => {
    const mk = market([...quiet, { s: 585, up: true, shares: 600 }, { s: 590, up: false, shares: 600 }]);
    expect(mk.orders(now)).toEqual([]);
  });

  it("does not count a burst smaller than minSpikeShares, however quiet the market was", () => {
    const small: Print[] = [{ s: 100, up: true, shares: 5 }, { s: 590, up: true, shares: 150 }, { s: 595, up: true, shares: 150 }];
    expect(market(small).orders(now)).toEqual([]);
    expect(market(small, { minSpikeShares: 200 }).orders(now)).toMatchObject([{ outcome: "Up" }]);
  });

  it("ignores a burst whose window began before the market it trades opened", () => {
    const mk = scriptedMarket(volumeSpike, { entryAfterSec: 0 }, { strike: 100_000, startTs: 600_000 });
    mk.open();
    for (let s = 0; s < 640; s++) {
      mk.spot(s * 1000, 100_000 * Math.exp(s % 2 === 0 ? SIGMA : 0));
      if (s >= 600 && s % 10 === 0) mk.print(s * 1000, true, 400);
    }
    mk.book(640_000, 0.5);
    expect(mk.orders(640_000)).toEqual([]); // its spike window (580 s, 640 s] reaches before the open
  });

  it("trades with spot's move on a burst of candle volume, where the feed records it", () => {
    /** One-minute candles: ±0.08% zigzag, 10 BTC a minute, then a last minute of `lastVolume` and a `lastMove`. */
    function candles(lastVolume: number, lastMove: number) {
      const at = (k: number) => 100_000 * Math.exp((k % 2 === 0 ? 0.0008 : 0) + (k === 10 ? lastMove : 0));
      const mk = scriptedMarket(volumeSpike, {}, { strike: at(10), startTs: 0 });
      mk.open();
      for (let k = 0; k <= 10; k++) mk.spot(k * 60_000, at(k), k === 10 ? lastVolume : 10);
      mk.book(NOW_S * 1000, 0.5);
      return mk;
    }
    expect(candles(100, 0.003).orders(now)).toMatchObject([{ outcome: "Up" }]);
    expect(candles(100, -0.003).orders(now)).toMatchObject([{ outcome: "Down" }]);
    expect(candles(10, 0.003).orders(now)).toEqual([]); // the same move on ordinary volume
  });

  it("survives a save and restore mid-stream", () => {
    const a = market([...quiet, ...burst(true)]);
    const b = scriptedMarket(volumeSpike, {}, { strike: a.market.strike, startTs: 0 });
    b.core.restore(JSON.parse(JSON.stringify(a.core.save())));
    expect(b.pUp(now)).toBe(a.pUp(now));
    expect(b.orders(now)).toEqual(a.orders(now));
  });

  it("keeps its parameters inside their bounds, and the spike inside the baseline", () => {
    expect(VolumeSpikeParams.parse({})).toMatchObject({ lookbackSec: 900, spikeSec: 60, spikeRatio: 4, tilt: 0.3 });
    expect(VolumeSpikeParams.safeParse({ tilt: 3 }).success).toBe(false);
    expect(VolumeSpikeParams.safeParse({ minFlow: 1.1 }).success).toBe(false);
    expect(VolumeSpikeParams.safeParse({ spikeSec: 500 }).error?.issues[0]?.path).toEqual(["spikeSec"]);
    expect(VolumeSpikeParams.safeParse({ lookbackSec: 300, spikeSec: 60, spikeRatio: 6 }).error?.issues[0]?.path).toEqual(["spikeRatio"]);
    expect(VolumeSpikeParams.safeParse({ lookbackSec: 300, spikeSec: 60, spikeRatio: 5 }).success).toBe(true);
  });
});

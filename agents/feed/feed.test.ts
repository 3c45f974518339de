import { describe, expect, it } from "vitest";
import { createRng } from "../../floor/random/createRng.ts";
import { marketSlug, simTokenId, windowStart } from "./marketWindow.ts";
import { quoteBook } from "./quoteBook.ts";
import { sigmaPerSecond, stepSpot } from "./simSpot.ts";
import { MakerBook } from "./sim/makerBook.ts";
import { drawFlow } from "./sim/flow.ts";
import { excessKurtosis, horizonReturns, jumpFrequency, minuteGrid, returnStats } from "./sim/returnStats.ts";

describe("market windows", () => {
  it("aligns to 15-minute boundaries and names them like Polymarket", () => {
    const t = Date.UTC(2026, 1, 21, 14, 37, 12);
    expect(windowStart(t, 900_000)).toBe(Date.UTC(2026, 1, 21, 14, 30));
    expect(marketSlug("BTC", 15, Date.UTC(2026, 1, 21, 14, 30))).toBe("btc-updown-15m-1771684200");
  });
  it("makes deterministic 77-digit token ids, distinct per outcome", () => {
    const up = simTokenId(7, "btc-updown-15m-1771684200", "Up");
    expect(up).toMatch(/^[1-9]\d{76}$/);
    expect(simTokenId(7, "btc-updown-15m-1771684200", "Up")).toBe(up);
    expect(simTokenId(7, "btc-updown-15m-1771684200", "Down")).not.toBe(up);
  });
});

describe("stepSpot", () => {
  it("has roughly the configured volatility over a day of 1 s steps", () => {
    const rng = createRng(42);
    const model = { volAnnual: 0.5, volOfVol: 0, volHalfLifeMin: 60, jumpProb: 0, jumpSigmas: 0 };
    let s = { price: 100_000, volMult: 1 };
    const rets: number[] = [];
    for (let i = 0; i < 86_400; i++) {
      const n = stepSpot(s, model, 1, rng);
      rets.push(Math.log(n.price / s.price));
      s = n;
    }
    const sd = Math.sqrt(rets.reduce((a, r) => a + r * r, 0) / rets.length);
    expect(sd / sigmaPerSecond(0.5)).toBeGreaterThan(0.97);
    expect(sd / sigmaPerSecond(0.5)).toBeLessThan(1.03);
  });
});

describe("quoteBook", () => {
  it("quotes on the tick grid, inside (0, 1), sorted best first, around fair", () => {
    const b = quoteBook(0.62, 10_000, { bookLevels: 3, halfSpreadTicks: 1, minLevelShares: 10, maxLevelShares: 20 }, createRng(1));
    expect(b.bids.map((l) => l.price)).toEqual([610_000, 600_000, 590_000]);
    expect(b.asks.map((l) => l.price)).toEqual([630_000, 640_000, 650_000]);
    for (const l of [...b.bids, ...b.asks]) expect(l.size % 1_000_000).toBe(0);
  });
  it("drops levels that would leave the (0, 1) price range", () => {
    const b = quoteBook(0.995, 10_000, { bookLevels: 3, halfSpreadTicks: 1, minLevelShares: 10, maxLevelShares: 20 }, createRng(1));
    expect(b.asks).toEqual([]);
    expect(b.bids[0]?.price).toBe(980_000);
  });
});

describe("stepSpot with clustering and jumps", () => {
  it("keeps the long-run volatility near volAnnual and is deterministic per seed", () => {
    const model = { volAnnual: 0.5, volOfVol: 0.45, volHalfLifeMin: 30, jumpProb: 0, jumpSigmas: 0 };
    const walk = (seed: number) => {
      const rng = createRng(seed);
      let s = { price: 100_000, volMult: 1 };
      let ss = 0;
      for (let i = 0; i < 5 * 86_400; i++) {
        const n = stepSpot(s, model, 1, rng);
        ss += Math.log(n.price / s.price) ** 2;
        s = n;
      }
      return { sd: Math.sqrt(ss / (5 * 86_400)), price: s.price };
    };
    const a = walk(5);
    expect(a.sd / sigmaPerSecond(0.5)).toBeGreaterThan(0.85);
    expect(a.sd / sigmaPerSecond(0.5)).toBeLessThan(1.15);
    expect(walk(5).price).toBe(a.price);
  });
});

describe("returnStats", () => {
  const MIN = 60_000;
  it("samples a tick series on the minute grid and leaves gaps out", () => {
    const g = minuteGrid([1, 2, 3], [MIN, 2 * MIN - 1_000, 5 * MIN], 5_000);
    expect(Array.from(g.price)).toEqual([1, 2, NaN, NaN, 3]);
    expect(horizonReturns(g, MIN)).toHaveLength(1);
  });
  it("measures non-overlapping 15-minute returns, kurtosis and jumps by their definitions", () => {
    const ts = Array.from({ length: 61 }, (_, i) => i * MIN);
    const prices = ts.map((_, i) => 100 * Math.exp(0.001 * (i % 2)));
    const r = returnStats(prices, ts);
    expect(r.n15m).toBe(4);
    expect(r.n1m).toBe(60);
    expect(excessKurtosis([1, -1, 1, -1])).toBeCloseTo(-2, 12);
    // A calm minute series with one 10x move: exactly one jump among the returns judged.
    const p = [100];
    for (let i = 1; i < 200; i++) p.push(p[i - 1]! * Math.exp((i === 150 ? 10 : 1) * (i % 2 ? 1e-4 : -1e-4)));
    const f = jumpFrequency({ price: Float64Array.from(p) });
    expect(f * (199 - 30)).toBeCloseTo(1, 6);
  });
});

describe("MakerBook", () => {
  const maker = { lagSec: 0, noise: 0, requoteSec: 1, levels: 2, halfSpreadTicks: 1, minShares: 10, maxShares: 10 };
  it("aggregates makers, never crosses (post only), and keeps what was taken until the maker requotes", () => {
    const b = new MakerBook([maker, { ...maker, requoteSec: 5 }], 10_000);
    b.requote(0, 0.5, createRng(1));
    b.requote(1, 0.53, createRng(1)); // its bids at 0.52 and 0.51 would cross the 0.51 ask: both are dropped
    const s = b.snapshot();
    expect(s.bids[0]!.price).toBeLessThan(s.asks[0]!.price);
    expect(s.asks).toEqual([{ price: 510_000, size: 10_000_000 }, { price: 520_000, size: 10_000_000 }, { price: 540_000, size: 10_000_000 }, { price: 550_000, size: 10_000_000 }]);
    expect(b.take("asks", 15_000_000, 520_000)).toEqual([{ price: 510_000, size: 10_000_000 }, { price: 520_000, size: 5_000_000 }]);
    b.applyPrint("Down", "BUY", 510_000, 10_000_000); // buying Down at 0.51 sells Up into the 0.49 bid
    expect(b.snapshot().bids[0]).toEqual({ price: 480_000, size: 10_000_000 });
    expect(b.snapshot().asks[0]).toEqual({ price: 520_000, size: 5_000_000 });
  });
  it("with a zero half spread quotes the ticks either side of fair, and two ticks apart when fair is on a tick", () => {
    const b = new MakerBook([{ ...maker, halfSpreadTicks: 0 }], 10_000);
    b.requote(0, 0.503, createRng(1));
    expect([b.best("bids"), b.best("asks")]).toEqual([500_000, 510_000]);
    b.requote(0, 0.5, createRng(1));
    expect([b.best("bids"), b.best("asks")]).toEqual([490_000, 510_000]);
  });
  it("a maker that withdraws first is not blocked by the quotes it replaces (cancel, then post)", () => {
    const b = new MakerBook([maker, { ...maker, halfSpreadTicks: 3 }], 10_000);
    b.requote(0, 0.5, createRng(1));
    b.requote(1, 0.5, createRng(1)); // asks 0.53, 0.54
    // fair jumps to 0.6: posting maker 0 first would drop its bids (0.59, 0.58) against maker 1's stale asks
    b.cancel(0);
    b.cancel(1);
    b.requote(0, 0.6, createRng(1));
    b.requote(1, 0.6, createRng(1));
    expect(b.best("bids")).toBe(590_000);
    expect(b.best("asks")).toBe(610_000);
  });
});

describe("drawFlow", () => {
  it("draws noise trades at the configured rate and whales rarely", () => {
    const m = { noiseTradesPerMin: 6, noiseMinShares: 5, noiseMaxShares: 50, whaleTradesPerHour: 36, whaleMinShares: 1000, whaleMaxShares: 2000, whaleMaxTicks: 3 };
    const rng = createRng(9);
    const all = Array.from({ length: 36_000 }, () => drawFlow(m, 1, rng)).flat();
    const noise = all.filter((o) => o.kind === "noise");
    expect(noise.length / 600).toBeGreaterThan(5.5);
    expect(noise.length / 600).toBeLessThan(6.5);
    expect(all.filter((o) => o.kind === "whale").length).toBeGreaterThan(300);
    expect(noise.every((o) => o.shares >= 5 && o.shares <= 50)).toBe(true);
  });
});

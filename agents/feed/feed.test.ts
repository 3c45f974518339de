import { describe, expect, it } from "vitest";
import { createRng } from "../../floor/random/createRng.ts";
import { marketSlug, simTokenId, windowStart } from "./marketWindow.ts";
import { quoteBook } from "./quoteBook.ts";
import { sigmaPerSecond, stepSpot } from "./simSpot.ts";

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
    const model = { volAnnual: 0.5, volOfVol: 0, jumpProb: 0, jumpSigmas: 0 };
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

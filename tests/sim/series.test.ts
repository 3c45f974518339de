import { afterAll, describe, expect, it } from "vitest";
import { LocalBus } from "../../floor/bus/index.ts";
import { loadFloorConfig } from "../../floor/config/index.ts";
import { createLogger } from "../../floor/log/createLogger.ts";
import { runFloor } from "../../floor/runner/index.ts";
import { SimConfig } from "../../protocols/index.ts";
import { openDb } from "../../state/index.ts";
import { tmpDir } from "../helpers/tmp.ts";

const tmp = tmpDir("series");
afterAll(() => tmp.remove());
const log = createLogger({ level: "silent" });

describe("sim series and public flow", () => {
  it("runs a BTC 15m and an ETH 5m series side by side, named like Polymarket, with public prints that the next book reflects", async () => {
    const base = loadFloorConfig(undefined);
    const sim = SimConfig.parse({
      series: [
        { asset: "BTC", symbol: "BTCUSD", marketMinutes: 15, startPrice: 95_000 },
        { asset: "ETH", symbol: "ETHUSD", marketMinutes: 5, startPrice: 3_300, volAnnual: 0.65 },
      ],
      noiseTradesPerMin: 6,
      whaleTradesPerHour: 12,
    });
    const bus = new LocalBus();
    const prints: Array<{ marketId: string; src: string; size: number; ts: number }> = [];
    const books = new Map<string, Array<{ ts: number; askSize: number; bidSize: number }>>();
    const symbols = new Set<string>();
    bus.subscribe("md.trade.*", (m) => void prints.push(JSON.parse(m.data)));
    bus.subscribe("md.spot.*", (m) => void symbols.add(JSON.parse(m.data).symbol));
    bus.subscribe("md.book.*", (m) => {
      const b = JSON.parse(m.data) as { marketId: string; ts: number; bids: Array<{ price: number; size: number }>; asks: Array<{ price: number; size: number }> };
      const sum = (l: Array<{ size: number }>) => l.reduce((a, x) => a + x.size, 0);
      for (const l of [...b.bids, ...b.asks]) expect(l.price % 10_000).toBe(0);
      for (let i = 1; i < b.bids.length; i++) expect(b.bids[i]!.price).toBeLessThan(b.bids[i - 1]!.price);
      for (let i = 1; i < b.asks.length; i++) expect(b.asks[i]!.price).toBeGreaterThan(b.asks[i - 1]!.price);
      if (b.bids[0] && b.asks[0]) expect(b.bids[0].price).toBeLessThan(b.asks[0].price);
      const list = books.get(b.marketId) ?? [];
      list.push({ ts: b.ts, askSize: sum(b.asks), bidSize: sum(b.bids) });
      books.set(b.marketId, list);
    });
    const db = tmp.path("series.db");
    try {
      await runFloor({ config: { ...base, floor: { ...base.floor, sim } }, bus, dbPath: db, seed: 5, speed: "max", untilMs: 3_600_000, log });
    } finally {
      await bus.close();
    }
    const s = openDb(db, { readonly: true });
    try {
      const ids = (s.prepare("SELECT market_id AS id FROM markets WHERE outcome IS NOT NULL ORDER BY start_ts").all() as Array<{ id: string }>).map((r) => r.id);
      expect(ids.filter((i) => /^btc-updown-15m-\d+$/.test(i))).toHaveLength(4);
      expect(ids.filter((i) => /^eth-updown-5m-\d+$/.test(i))).toHaveLength(12);
      expect(ids).toContain(`eth-updown-5m-${Date.parse(sim.start) / 1000 + 300}`);
    } finally {
      s.close();
    }
    expect([...symbols].sort()).toEqual(["BTCUSD", "ETHUSD"]);
    const fromFeed = prints.filter((p) => p.src === "feed");
    expect(fromFeed.length).toBeGreaterThan(50);
    expect(fromFeed.some((p) => p.size >= 500_000_000)).toBe(true); // a whale
    // A whale's sweep leaves the next snapshot thinner on the side it took than the one before.
    const big = fromFeed.find((p) => p.size >= 500_000_000)!;
    const series = books.get(big.marketId)!;
    const before = series.filter((b) => b.ts < big.ts).at(-1)!;
    const at = series.find((b) => b.ts === big.ts)!;
    expect(Math.min(at.askSize - before.askSize, at.bidSize - before.bidSize)).toBeLessThan(0);
  });
});

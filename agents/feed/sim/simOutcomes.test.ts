import { describe, expect, it } from "vitest";
import { SimConfig } from "../../../protocols/index.ts";
import { recordSimMarket } from "../../../tests/helpers/recordSimMarket.ts";
import { simOutcomes } from "./simOutcomes.ts";

const HOURS = 3;

describe("simOutcomes", () => {
  // Two symbols and two window lengths, the ETH series first: each walk is its own stream, whatever the order.
  const sim = SimConfig.parse({
    series: [
      { asset: "ETH", symbol: "ETHUSD", marketMinutes: 5, startPrice: 3_300, volAnnual: 0.65 },
      { asset: "BTC", symbol: "BTCUSD", marketMinutes: 15, startPrice: 95_000 },
      { asset: "BTC", symbol: "BTCUSD", marketMinutes: 5, startPrice: 95_000 },
    ],
  });

  it("resolves every window as the real feed does, for two seeds", () => {
    for (const seed of [3, 4]) {
      const truth = simOutcomes(sim, seed, HOURS * 3_600_000);
      const feed = recordSimMarket(sim, seed, HOURS).windows;
      // 36 + 12 + 36 windows close within three hours (the last of each closes on the final step).
      expect(feed).toHaveLength(84);
      expect(truth.size).toBe(84);
      for (const w of feed) expect(truth.get(w.marketId), w.marketId).toBe(w.outcome);
      const ups = [...truth.values()].filter((o) => o === "Up").length;
      expect(ups).toBeGreaterThan(20); // both outcomes occur: a constant answer could not pass
      expect(ups).toBeLessThan(64);
    }
  });

  it("is the same for the same seed and differs for another", () => {
    const a = [...simOutcomes(sim, 3, 3_600_000).values()].join();
    expect([...simOutcomes(sim, 3, 3_600_000).values()].join()).toBe(a);
    expect([...simOutcomes(sim, 4, 3_600_000).values()].join()).not.toBe(a);
  });

  it("names the windows like the feed and leaves out those still open at the end", () => {
    const start = Date.parse(sim.start) / 1000;
    const truth = simOutcomes(sim, 3, 10 * 60_000 - 1000);
    expect([...truth.keys()]).toEqual([`eth-updown-5m-${start}`, `btc-updown-5m-${start}`]);
  });
});

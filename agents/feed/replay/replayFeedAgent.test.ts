import { describe, expect, it } from "vitest";
import { SimConfig } from "../../../protocols/index.ts";
import type { AgentContext } from "../../../floor/host/index.ts";
import type { ReplayPlan, SpotSeries } from "../../../floor/replay/index.ts";
import { replayFeedAgent } from "./replayFeedAgent.ts";

/** A replay of `spot` alone (no windows), and the spot ticks it publishes at each of `times`. */
function spotTicks(spot: SpotSeries, times: number[]): Array<Record<string, unknown>> {
  const plan: ReplayPlan = {
    dataset: { source: "test", format: "polyfloor", spotSource: "test", markets: [], spot, upPrices: new Map(), maxSpotAgeMs: 120_000 },
    markets: [],
    skipped: [],
    start: times[0]!,
    end: times[times.length - 1]!,
  };
  const out: Array<Record<string, unknown>> = [];
  const ctx = { publish: (subject: string, body: Record<string, unknown>) => subject.startsWith("md.spot.") && out.push(body), send: () => undefined } as unknown as AgentContext;
  const feed = replayFeedAgent("feed", plan, SimConfig.parse({}), 1).create(ctx);
  for (const t of times) feed.onTick!(t);
  return out;
}

const candles = (volume?: number[]): SpotSeries => ({
  symbol: "BTCUSD",
  kind: "candles-1m",
  ts: Float64Array.from([0, 60_000, 120_000, 180_000, 240_000]),
  price: Float64Array.from([100, 101, 102, 103, 104]),
  ...(volume ? { volume: Float64Array.from(volume) } : {}),
});

describe("the replay feed's spot volume", () => {
  it("publishes with each candle's open the volume of the candle that closed then, never of the one opening", () => {
    const ticks = spotTicks(candles([1, 2, 3, 4, 5]), [0, 60_000, 120_000, 240_000]);
    expect(ticks).toEqual([
      { symbol: "BTCUSD", price: 100_000_000, volume: 0 },
      { symbol: "BTCUSD", price: 101_000_000, volume: 1 },
      { symbol: "BTCUSD", price: 102_000_000, volume: 2 },
      // No step at 180 s: the tick at 240 s carries both candles closed since the last one published.
      { symbol: "BTCUSD", price: 104_000_000, volume: 3 + 4 },
    ]);
  });

  it("starting mid-series, the first tick carries the candle that closed at it", () => {
    expect(spotTicks(candles([1, 2, 3, 4, 5]), [120_000])).toEqual([{ symbol: "BTCUSD", price: 102_000_000, volume: 2 }]);
  });

  it("publishes no volume when the data records none", () => {
    expect(spotTicks(candles(), [0, 60_000])).toEqual([{ symbol: "BTCUSD", price: 100_000_000 }, { symbol: "BTCUSD", price: 101_000_000 }]);
  });
});

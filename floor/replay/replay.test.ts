import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { tmpDir } from "../../tests/helpers/tmp.ts";
import { deriveOutcome, TWAP_RULE_FROM } from "./deriveOutcome.ts";
import { importUpdownWeek } from "./importUpdownWeek.ts";
import { readPolyfloorFormat, writePolyfloorFormat } from "./polyfloorFormat.ts";
import { indexAtOrBefore, priceAt, settlePriceAt, twapAt, volumeKnownIn, type SpotSeries } from "./SpotSeries.ts";

const series = (points: Array<[number, number]>): SpotSeries => ({
  symbol: "BTCUSD",
  kind: "ticks",
  ts: Float64Array.from(points.map((p) => p[0])),
  price: Float64Array.from(points.map((p) => p[1])),
});

describe("SpotSeries", () => {
  const s = series([[1000, 10], [2000, 20], [4000, 40]]);
  it("finds the last point at or before a time", () => {
    expect([0, 999, 1000, 1999, 2000, 3999, 9999].map((t) => indexAtOrBefore(s, t))).toEqual([-1, -1, 0, 0, 1, 1, 2]);
  });
  it("treats a gap longer than the allowed age as no price", () => {
    expect(priceAt(s, 3000, 1500)).toBe(20);
    expect(priceAt(s, 3600, 1500)).toBeUndefined();
  });
  it("settles on the exact point, else the first after, else the last before, within the tolerance", () => {
    expect(settlePriceAt(s, 2000, 500)).toBe(20);
    expect(settlePriceAt(s, 1900, 500)).toBe(20);
    expect(settlePriceAt(s, 1400, 500)).toBe(10);
    expect(settlePriceAt(s, 3000, 500)).toBeUndefined();
  });
  it("weights a TWAP by how long each price was in force", () => {
    // (1000, 4000]: 20 for 1000 ms (2000..3000) ... window from 1000: 10 for 1 s, 20 for 2 s
    expect(twapAt(s, 4000, 3000, 5000)).toBeCloseTo((10 * 1000 + 20 * 2000) / 3000, 9);
    expect(twapAt(s, 4000, 3000, 1500)).toBeUndefined(); // the 2000..4000 gap is too long
  });
});

describe("deriveOutcome", () => {
  const s = series([[0, 100], [60_000, 101], [120_000, 100.5], [180_000, 99]]);
  it("resolves Up when the end is at least the start, a tie included", () => {
    expect(deriveOutcome({ startTs: 0, endTs: 120_000 }, s, 5000)).toMatchObject({ outcome: "Up", source: "derived-spot", startPrice: 100, endPrice: 100.5 });
    expect(deriveOutcome({ startTs: 0, endTs: 120_000, strike: 100.5 }, s, 5000).outcome).toBe("Up");
    expect(deriveOutcome({ startTs: 0, endTs: 180_000 }, s, 60_000).outcome).toBe("Down");
  });
  it("uses the recorded strike over the spot at the start", () => {
    expect(deriveOutcome({ startTs: 0, endTs: 120_000, strike: 100.6 }, s, 5000)).toMatchObject({ outcome: "Down", startPrice: 100.6 });
  });
  it("falls back to a decisive last price, then to unknown", () => {
    expect(deriveOutcome({ startTs: 500_000, endTs: 800_000, lastUpPrice: 0.97 }, s, 5000)).toEqual({ outcome: "Up", source: "derived-last-price" });
    expect(deriveOutcome({ startTs: 500_000, endTs: 800_000 }, s, 5000)).toEqual({ outcome: undefined, source: "unknown" });
  });
  it("compares TWAPs after 2026-08-07 when the data carries the lookback", () => {
    const t0 = TWAP_RULE_FROM;
    // Spot ends on a spike above the start, but the 60 s TWAP at the end is below it.
    const spiky = series([[t0 - 60_000, 100], [t0 + 240_000, 99], [t0 + 299_000, 110]]);
    expect(deriveOutcome({ startTs: t0, endTs: t0 + 300_000 }, spiky, 300_000).outcome).toBe("Up");
    expect(deriveOutcome({ startTs: t0, endTs: t0 + 300_000, twapLookbackSec: 60 }, spiky, 300_000)).toMatchObject({ outcome: "Down", source: "derived-twap" });
  });
});

describe("volumeKnownIn", () => {
  const candles: SpotSeries = { ...series([[0, 10], [60_000, 11], [120_000, 12], [180_000, 13]]), kind: "candles-1m", volume: Float64Array.from([1, 2, 3, 4]) };
  it("counts a candle's volume only once it has closed, a minute after its open", () => {
    expect(volumeKnownIn(candles, -Infinity, 0)).toBe(0); // the first candle is still open
    expect(volumeKnownIn(candles, 0, 60_000)).toBe(1);
    expect(volumeKnownIn(candles, 60_000, 119_999)).toBe(0);
    expect(volumeKnownIn(candles, 60_000, 180_000)).toBe(2 + 3);
    expect(volumeKnownIn(candles, 180_000, 240_000)).toBe(4);
  });
  it("counts a tick's volume at the tick, and is undefined for a series without volume", () => {
    const ticks: SpotSeries = { ...series([[1000, 10], [2000, 11], [3000, 12]]), volume: Float64Array.from([5, 6, 7]) };
    expect(volumeKnownIn(ticks, 1000, 3000)).toBe(6 + 7);
    expect(volumeKnownIn(ticks, 999, 1000)).toBe(5);
    expect(volumeKnownIn(series([[1000, 10]]), 0, 5000)).toBeUndefined();
  });
});

describe("importUpdownWeek", () => {
  const tmp = tmpDir("updown");
  afterAll(() => tmp.remove());
  const market = { conditionId: "0xabc", slug: "btc-updown-15m-1", tokenIds: ["1", "2"], strikePrice: 100, startTime: 0, endTime: 900_000 };
  const write = (name: string, candles: unknown[]) => {
    const dir = tmp.path(name);
    mkdirSync(dir);
    writeFileSync(join(dir, "markets_x.json"), JSON.stringify({ data: [market] }));
    writeFileSync(join(dir, "BTCUSDT_1m_x.json"), JSON.stringify({ data: candles }));
    return dir;
  };

  it("keeps each Binance candle's volume beside its open, in time order", () => {
    const d = importUpdownWeek(write("with", [
      { timestamp: 60_000, open: 101, high: 102, low: 100, close: 101.5, volume: 7.5 },
      { timestamp: 0, open: 100, high: 101, low: 99, close: 101, volume: 3.25 },
    ]));
    expect([...d.spot.ts]).toEqual([0, 60_000]);
    expect([...d.spot.price]).toEqual([100, 101]);
    expect([...d.spot.volume!]).toEqual([3.25, 7.5]);
  });

  it("has no volume when the candles do not record it", () => {
    expect(importUpdownWeek(write("without", [{ timestamp: 0, open: 100 }])).spot.volume).toBeUndefined();
  });

  it("round-trips the volume through the floor's own format", () => {
    const d = importUpdownWeek(write("trip", [{ timestamp: 60_000, open: 101, volume: 7.5 }, { timestamp: 0, open: 100, volume: 3.25 }]));
    writePolyfloorFormat(tmp.path("trip-out"), d);
    const back = readPolyfloorFormat(tmp.path("trip-out"));
    expect([...back.spot.ts]).toEqual([0, 60_000]);
    expect([...back.spot.volume!]).toEqual([3.25, 7.5]);
    writePolyfloorFormat(tmp.path("plain-out"), { ...d, spot: { ...d.spot, volume: undefined } });
    expect(readPolyfloorFormat(tmp.path("plain-out")).spot.volume).toBeUndefined();
  });
});

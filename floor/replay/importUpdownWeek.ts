import { readdirSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { TokenId } from "../../protocols/index.ts";
import { readJsonFile, sortedSeries } from "./readJson.ts";
import { feeEra } from "./feeEra.ts";
import type { PriceHistory, ReplayDataset, ReplayMarket } from "./ReplayDataset.ts";

const Markets = z.object({
  data: z.array(
    z.object({
      conditionId: z.string(),
      slug: z.string(),
      tokenIds: z.tuple([TokenId, TokenId]),
      strikePrice: z.number(),
      startTime: z.number().int(),
      endTime: z.number().int(),
    }),
  ),
});
const Candles = z.object({ data: z.array(z.object({ timestamp: z.number().int(), open: z.number().positive(), volume: z.number().nonnegative().optional() })) });
const Prices = z.object({ metadata: z.object({ tokenId: TokenId }), data: z.array(z.object({ timestamp: z.number().int(), price: z.number() })) });

/** True when `dir` looks like a week of Gamma markets + Binance 1m candles + Up-token price history. */
export function isUpdownWeek(files: string[]): boolean {
  return files.some((f) => /^markets_.*\.json$/.test(f)) && files.some((f) => /_1m_.*\.json$/.test(f));
}

/**
 * Import the "updown week" folder (markets_*.json, <SYMBOL>_1m_*.json candles, prices/*.json
 * Up-token history at 1-minute fidelity). Outcomes are not recorded; strikes (Chainlink at the
 * start) are where non-zero. The data records no fees: each window gets the schedule of its era
 * (feeEra; December 2025 predates fees on these markets).
 */
export function importUpdownWeek(dir: string): ReplayDataset {
  const files = readdirSync(dir);
  const marketsFile = files.find((f) => /^markets_.*\.json$/.test(f))!;
  const candlesFile = files.find((f) => /_1m_.*\.json$/.test(f))!;
  const markets: ReplayMarket[] = readJsonFile(join(dir, marketsFile), Markets).data.map((m) => {
    const era = feeEra(m.startTime, Math.round((m.endTime - m.startTime) / 60_000));
    return {
      marketId: m.slug,
      slug: m.slug,
      conditionId: m.conditionId,
      upTokenId: m.tokenIds[0],
      downTokenId: m.tokenIds[1],
      startTs: m.startTime,
      endTs: m.endTime,
      strike: m.strikePrice > 0 ? m.strikePrice : undefined,
      fee: era.schedule,
      feeSource: era.source,
      feeNote: era.note,
      tickSize: 0.01,
      minSize: 5,
    };
  });
  const candles = readJsonFile(join(dir, candlesFile), Candles).data;
  candles.sort((a, b) => a.timestamp - b.timestamp);
  const spot = sortedSeries(candles.map((c) => [c.timestamp, c.open]));
  // Each candle's base volume, where every candle records one (Binance klines do).
  const volume = candles.every((c) => c.volume !== undefined) ? { volume: Float64Array.from(candles, (c) => c.volume!) } : {};
  const byUpToken = new Map(markets.map((m) => [m.upTokenId, m.marketId]));
  const upPrices = new Map<string, PriceHistory>();
  const pricesDir = join(dir, "prices");
  for (const f of readdirSafe(pricesDir).filter((f) => f.endsWith(".json"))) {
    const p = readJsonFile(join(pricesDir, f), Prices);
    const marketId = byUpToken.get(p.metadata.tokenId);
    if (marketId) upPrices.set(marketId, sortedSeries(p.data.map((d) => [d.timestamp, d.price])));
  }
  const symbol = candlesFile.split("_")[0] ?? "BTCUSDT";
  return {
    source: dir,
    format: "updown-week",
    spotSource: `Binance ${symbol} 1m candles (opens${"volume" in volume ? ", volumes" : ""})`,
    markets: markets.sort((a, b) => a.startTs - b.startTs),
    spot: { symbol: "BTCUSD", kind: "candles-1m", ...spot, ...volume },
    upPrices,
    maxSpotAgeMs: 60_000,
  };
}

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

import { readdirSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { TokenId } from "../../protocols/index.ts";
import { readJsonLines, readText, sortedSeries } from "./readJson.ts";
import { feeEra, feeFromData } from "./feeEra.ts";
import type { ReplayDataset, ReplayMarket } from "./ReplayDataset.ts";

const MarketLine = z.object({
  slug: z.string(),
  condition_id: z.string(),
  token_ids: z.tuple([TokenId, TokenId]),
  start_sec: z.number().int(),
  end_sec: z.number().int(),
  resolved: z.boolean(),
  outcome_prices: z.tuple([z.string(), z.string()]).nullable().optional(),
  strike_value: z.string().regex(/^\d+$/).nullable().optional(),
  raw: z
    .object({
      feeSchedule: z.object({ rate: z.number(), exponent: z.number(), takerOnly: z.boolean(), rebateRate: z.number().min(0).max(1).optional() }).optional(),
      orderPriceMinTickSize: z.number().optional(),
      orderMinSize: z.number().optional(),
      cryptoMarketConfig: z.object({ twapEnabled: z.boolean().optional(), twapLookbackSeconds: z.number().optional() }).optional(),
    })
    .passthrough(),
});

/** True when `dir` holds a day of *-markets-*.jsonl.gz with a *-prices-*.csv(.gz) settlement feed. */
export function isChainlinkDay(files: string[]): boolean {
  return files.some((f) => /-markets-.*\.jsonl(\.gz)?$/.test(f)) && files.some((f) => /-prices-.*\.csv(\.gz)?$/.test(f));
}

/** Strikes are recorded ×1e18 as integer strings: scale exactly to micro-USD, then to a float. */
function fromE18(text: string): number {
  return Number(BigInt(text) / 10n ** 12n) / 1e6;
}

/**
 * Import a day of Up/Down markets (full Gamma objects, official outcomes and strikes) with the
 * Chainlink Data Streams feed Polymarket settles on (CSV: feed_ts_ms,value,...).
 */
export function importChainlinkDay(dir: string): ReplayDataset {
  const files = readdirSync(dir);
  const marketsFile = files.find((f) => /-markets-.*\.jsonl(\.gz)?$/.test(f))!;
  const pricesFile = files.find((f) => /-prices-.*\.csv(\.gz)?$/.test(f))!;
  const markets: ReplayMarket[] = readJsonLines(join(dir, marketsFile), MarketLine).map((m) => {
    const won = m.resolved && m.outcome_prices ? (m.outcome_prices[0] === "1" ? "Up" : m.outcome_prices[1] === "1" ? "Down" : undefined) : undefined;
    const twap = m.raw.cryptoMarketConfig?.twapEnabled ? m.raw.cryptoMarketConfig.twapLookbackSeconds : undefined;
    // The Gamma object's fee schedule (maker rebate included) when it has one; else the era's.
    const recorded = m.raw.feeSchedule;
    const minutes = Math.round((m.end_sec - m.start_sec) / 60);
    const fee = recorded ? feeFromData({ ...recorded }, m.start_sec * 1000, minutes) : feeEra(m.start_sec * 1000, minutes);
    return {
      marketId: m.slug,
      slug: m.slug,
      conditionId: m.condition_id,
      upTokenId: m.token_ids[0],
      downTokenId: m.token_ids[1],
      startTs: m.start_sec * 1000,
      endTs: m.end_sec * 1000,
      strike: m.strike_value ? fromE18(m.strike_value) : undefined,
      outcome: won,
      twapLookbackSec: twap,
      fee: fee.schedule,
      feeSource: fee.source,
      feeNote: fee.note,
      tickSize: m.raw.orderPriceMinTickSize ?? 0.01,
      minSize: m.raw.orderMinSize ?? 5,
    };
  });
  const rows = readText(join(dir, pricesFile)).split("\n");
  const points: Array<[number, number]> = [];
  for (let i = 1; i < rows.length; i++) {
    const [ts, value] = rows[i]!.split(",");
    const t = Number(ts);
    const v = Number(value);
    if (Number.isFinite(t) && v > 0) points.push([t, v]);
  }
  return {
    source: dir,
    format: "chainlink-day",
    spotSource: "Chainlink Data Streams BTC/USD (relayed by Polymarket's live-data socket)",
    markets: markets.sort((a, b) => a.startTs - b.startTs),
    spot: { symbol: "BTCUSD", kind: "ticks", ...sortedSeries(points) },
    upPrices: new Map(),
    // The feed ticks about once a second; a point more than 10 s away is a gap, not a price.
    maxSpotAgeMs: 10_000,
  };
}

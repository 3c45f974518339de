import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { FeeSchedule, TokenId } from "../../protocols/index.ts";
import { readJsonFile, readJsonLines, readText, sortedSeries } from "./readJson.ts";
import type { PriceHistory, ReplayDataset } from "./ReplayDataset.ts";
import { BOOK_EVENTS, bookEventLine, readRecordedBooks } from "./recordedBooks.ts";

/** The floor's own replay folder (docs/DATA.md): a manifest, markets, a spot series, optional Up prices and books. */
export const MANIFEST = "dataset.json";

const Manifest = z.object({
  format: z.literal("polyfloor-replay"),
  version: z.literal(1),
  symbol: z.string(),
  spotSource: z.string(),
  spotKind: z.enum(["ticks", "candles-1m"]),
  maxSpotAgeMs: z.number().int().positive(),
});
const MarketLine = z.object({
  marketId: z.string().regex(/^[A-Za-z0-9_-]+$/),
  slug: z.string(),
  conditionId: z.string().optional(),
  upTokenId: TokenId,
  downTokenId: TokenId,
  startTs: z.number().int(),
  endTs: z.number().int(),
  strike: z.number().positive().optional(),
  outcome: z.enum(["Up", "Down"]).optional(),
  twapLookbackSec: z.number().int().positive().optional(),
  fee: FeeSchedule,
  // Where `fee` came from: recorded (the default, as `floor record` writes it), or assumed by era
  // when an importer's data carried none; kept so a converted dataset still says so.
  feeSource: z.enum(["data", "assumed", "override"]).default("data"),
  feeNote: z.string().optional(),
  tickSize: z.number().gt(0).lt(1),
  minSize: z.number().min(0),
});
const UpPriceLine = z.object({ marketId: z.string(), ts: z.number().int(), price: z.number().min(0).max(1) });

export function isPolyfloorFormat(files: string[]): boolean {
  return files.includes(MANIFEST);
}

export function readPolyfloorFormat(dir: string): ReplayDataset {
  const m = readJsonFile(join(dir, MANIFEST), Manifest);
  const markets = readJsonLines(join(dir, "markets.jsonl"), MarketLine);
  const points: Array<[number, number, number]> = [];
  let withVolume = false;
  readText(join(dir, "spot.csv"))
    .split("\n")
    .forEach((row, i) => {
      if (i === 0) withVolume = row.trim() === "ts_ms,price,volume"; // header; the volume column is optional
      if (i === 0 || row.trim() === "") return;
      const [ts, price, volume] = row.split(",").map(Number);
      if (!Number.isFinite(ts) || !(price! > 0) || (withVolume && !(volume! >= 0))) throw new Error(`${join(dir, "spot.csv")}:${i + 1}: expected ts_ms,price${withVolume ? ",volume" : ""}`);
      points.push([ts!, price!, volume ?? 0]);
    });
  points.sort((a, b) => a[0] - b[0]);
  const byMarket = new Map<string, Array<[number, number]>>();
  const upFile = join(dir, "up-prices.jsonl");
  if (existsSync(upFile)) for (const p of readJsonLines(upFile, UpPriceLine)) byMarket.set(p.marketId, [...(byMarket.get(p.marketId) ?? []), [p.ts, p.price]]);
  const upPrices = new Map<string, PriceHistory>([...byMarket].map(([id, pts]) => [id, sortedSeries(pts)]));
  const bookFile = join(dir, BOOK_EVENTS);
  const books = existsSync(bookFile) ? readRecordedBooks(bookFile, markets) : undefined;
  return {
    source: dir,
    format: "polyfloor",
    spotSource: m.spotSource,
    markets: markets.sort((a, b) => a.startTs - b.startTs),
    spot: { symbol: m.symbol, kind: m.spotKind, ...sortedSeries(points.map(([t, p]) => [t, p])), ...(withVolume ? { volume: Float64Array.from(points, (p) => p[2]) } : {}) },
    upPrices,
    ...(books ? { books } : {}),
    maxSpotAgeMs: m.maxSpotAgeMs,
  };
}

/** Write a dataset in the floor's own format (what `floor record` produces and importers can target). */
export function writePolyfloorFormat(dir: string, d: ReplayDataset): void {
  mkdirSync(dir, { recursive: true });
  const manifest: z.infer<typeof Manifest> = { format: "polyfloor-replay", version: 1, symbol: d.spot.symbol, spotSource: d.spotSource, spotKind: d.spot.kind, maxSpotAgeMs: d.maxSpotAgeMs };
  writeFileSync(join(dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(join(dir, "markets.jsonl"), d.markets.map((m) => JSON.stringify(MarketLine.parse(m))).join("\n") + "\n");
  const v = d.spot.volume;
  const rows = [v ? "ts_ms,price,volume" : "ts_ms,price"];
  for (let i = 0; i < d.spot.ts.length; i++) rows.push(`${d.spot.ts[i]},${d.spot.price[i]}${v ? `,${v[i]}` : ""}`);
  writeFileSync(join(dir, "spot.csv"), `${rows.join("\n")}\n`);
  const up: string[] = [];
  for (const [marketId, h] of d.upPrices) for (let i = 0; i < h.ts.length; i++) up.push(JSON.stringify({ marketId, ts: h.ts[i], price: h.price[i] }));
  if (up.length > 0) writeFileSync(join(dir, "up-prices.jsonl"), `${up.join("\n")}\n`);
  const byId = new Map(d.markets.map((m) => [m.marketId, m]));
  const books = [...(d.books ?? [])].flatMap(([id, bs]) => bs.map((b) => bookEventLine(byId.get(id)!, b)));
  if (books.length > 0) writeFileSync(join(dir, BOOK_EVENTS), `${books.join("\n")}\n`);
}

import { readdirSync, statSync } from "node:fs";
import { importChainlinkDay, isChainlinkDay } from "./importChainlinkDay.ts";
import { importUpdownWeek, isUpdownWeek } from "./importUpdownWeek.ts";
import { isPolyfloorFormat, readPolyfloorFormat } from "./polyfloorFormat.ts";
import type { ReplayDataset } from "./ReplayDataset.ts";

/** A folder that is not a dataset, or one that is broken; the message says which and why. */
export class DatasetError extends Error {
  readonly code = "BAD_DATASET" as const;
}

/**
 * Read a replay folder, detecting its format: the floor's own (dataset.json), a week of
 * Gamma markets + Binance 1m candles + Up-token price history, or a day of Gamma markets with
 * the Chainlink settlement feed. `from`/`to` keep the markets whose window lies inside.
 */
export function loadDataset(dir: string, window: { from?: number; to?: number } = {}): ReplayDataset {
  let files: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new Error("not a directory");
    files = readdirSync(dir);
  } catch (e) {
    throw new DatasetError(`${dir}: cannot read the folder (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  let d: ReplayDataset;
  try {
    if (isPolyfloorFormat(files)) d = readPolyfloorFormat(dir);
    else if (isUpdownWeek(files)) d = importUpdownWeek(dir);
    else if (isChainlinkDay(files)) d = importChainlinkDay(dir);
    else
      throw new DatasetError(
        `${dir}: not a replay dataset: expected dataset.json (see docs/DATA.md), or markets_*.json with *_1m_*.json candles, or *-markets-*.jsonl.gz with *-prices-*.csv.gz`,
      );
  } catch (e) {
    throw e instanceof DatasetError ? e : new DatasetError(`${dir}: ${(e as Error).message}`);
  }
  const from = window.from ?? -Infinity;
  const to = window.to ?? Infinity;
  const markets = d.markets.filter((m) => m.startTs >= from && m.endTs <= to);
  if (markets.length === 0) throw new DatasetError(`${dir}: no market windows${window.from || window.to ? " in the given --from/--to range" : ""}`);
  return { ...d, markets };
}

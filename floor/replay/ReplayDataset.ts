import type { FeeSchedule } from "../../protocols/index.ts";
import type { FeeSource } from "./feeEra.ts";
import type { SpotSeries } from "./SpotSeries.ts";
import type { RecordedBook } from "./recordedBooks.ts";

/** One Up/Down window as recorded data describes it. Prices in USD (floats), sizes in shares. */
export interface ReplayMarket {
  marketId: string;
  slug: string;
  conditionId?: string | undefined;
  upTokenId: string;
  downTokenId: string;
  startTs: number;
  endTs: number;
  /** The start price ("price to beat") when recorded. */
  strike?: number | undefined;
  /** The official outcome when recorded. */
  outcome?: "Up" | "Down" | undefined;
  /** Settles on a TWAP over this many seconds (markets from 2026-08-07 that carry it). */
  twapLookbackSec?: number | undefined;
  fee: FeeSchedule;
  /** Whether `fee` is what the data recorded, assumed from the fee history (feeEra), or a what-if. */
  feeSource: FeeSource;
  /** Which era or what-if, with its sources, for the report. */
  feeNote?: string | undefined;
  tickSize: number;
  minSize: number;
}

/** A price history of one market's Up token (e.g. CLOB /prices-history at 1-minute fidelity). */
export interface PriceHistory {
  ts: Float64Array;
  price: Float64Array;
}

/** Everything a replay needs, whatever folder format it came from. */
export interface ReplayDataset {
  /** Folder it was read from, and which format was detected. */
  source: string;
  format: "polyfloor" | "updown-week" | "chainlink-day";
  /** Where the spot series came from, for the report (e.g. "Binance BTCUSDT 1m candles"). */
  spotSource: string;
  markets: ReplayMarket[];
  spot: SpotSeries;
  upPrices: Map<string, PriceHistory>;
  /** Recorded snapshots of the Up-token book per window, where the data has them (the floor's own format). */
  books?: Map<string, RecordedBook[]>;
  /** A spot point older than this does not give "the price at t" (a gap in the data). */
  maxSpotAgeMs: number;
}

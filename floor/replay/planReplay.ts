import { deriveOutcome, type OutcomeSource } from "./deriveOutcome.ts";
import type { ReplayDataset, ReplayMarket } from "./ReplayDataset.ts";
import { priceAt, settlePriceAt } from "./SpotSeries.ts";

/** A window the replay will run: its strike, closing price and outcome are settled up front. */
export interface PlannedMarket extends ReplayMarket {
  strike: number;
  endPrice: number;
  outcome: "Up" | "Down";
  outcomeSource: OutcomeSource;
  /** When the data gives the outcome, what deriving it would have said (for the agreement check). */
  derivedCheck?: { outcome: "Up" | "Down" | undefined; source: OutcomeSource };
}

export interface ReplayPlan {
  dataset: ReplayDataset;
  markets: PlannedMarket[];
  skipped: Array<{ marketId: string; reason: string }>;
  /** First and last floor times of the replay. */
  start: number;
  end: number;
  /** The what-if on fees, in words, when one replaced the markets' schedules (applyFeeOverride). */
  feeOverride?: string | undefined;
}

/**
 * Decide, before running, what the replay can honestly show: a window is replayed when its
 * start price is known (recorded, or spot at the open) and its outcome is given or can be
 * derived; the others are listed with the reason. Nothing is guessed.
 */
export function planReplay(d: ReplayDataset): ReplayPlan {
  const markets: PlannedMarket[] = [];
  const skipped: ReplayPlan["skipped"] = [];
  for (const m of d.markets) {
    const h = d.upPrices.get(m.marketId);
    const lastUpPrice = h && h.price.length > 0 ? h.price[h.price.length - 1] : undefined;
    const derived = deriveOutcome({ ...m, lastUpPrice }, d.spot, d.maxSpotAgeMs);
    const strike = m.strike ?? derived.startPrice ?? priceAt(d.spot, m.startTs, d.maxSpotAgeMs);
    if (strike === undefined) {
      skipped.push({ marketId: m.marketId, reason: "no start price (strike not recorded, no spot near the open)" });
      continue;
    }
    const outcome = m.outcome ?? derived.outcome;
    if (outcome === undefined) {
      skipped.push({ marketId: m.marketId, reason: "outcome neither recorded nor derivable (no price near the open or close)" });
      continue;
    }
    const endPrice = derived.endPrice ?? settlePriceAt(d.spot, m.endTs, Infinity) ?? strike;
    markets.push({
      ...m,
      strike,
      endPrice,
      outcome,
      outcomeSource: m.outcome ? "given" : derived.source,
      ...(m.outcome ? { derivedCheck: { outcome: derived.outcome, source: derived.source } } : {}),
    });
  }
  const start = Math.min(...markets.map((m) => m.startTs));
  const end = Math.max(...markets.map((m) => m.endTs));
  return { dataset: d, markets, skipped, start, end };
}

import type { SpotSeries } from "./SpotSeries.ts";
import { settlePriceAt, twapAt } from "./SpotSeries.ts";

/** From this date Polymarket settles Up/Down windows on Chainlink TWAP streams, not spot. */
export const TWAP_RULE_FROM = Date.UTC(2026, 7, 7);

export type OutcomeSource = "given" | "derived-spot" | "derived-twap" | "derived-last-price" | "unknown";

export interface OutcomeInput {
  startTs: number;
  endTs: number;
  /** The window's strike (its start price) when the data records it. */
  strike?: number | undefined;
  /** Seconds of TWAP lookback when the data says the market settles on a TWAP. */
  twapLookbackSec?: number | undefined;
  /** The Up token's last recorded price, the fallback when spot cannot decide. */
  lastUpPrice?: number | undefined;
}

export interface DerivedOutcome {
  outcome: "Up" | "Down" | undefined;
  source: OutcomeSource;
  startPrice?: number;
  endPrice?: number;
}

/**
 * Resolve a window the way Polymarket does when the data does not say: the end price at least
 * the start price resolves Up (a tie is Up). Each is the recorded price at that instant (or the
 * nearest one after, then before, within `maxAgeMs`: see `settlePriceAt`). From 2026-08-07 both prices are TWAPs over the
 * lookback when the data carries it. Without spot coverage, a decisive last Up-token price
 * (≥ 0.5 means Up) is the last resort; otherwise the outcome is unknown.
 */
export function deriveOutcome(m: OutcomeInput, spot: SpotSeries | undefined, maxAgeMs: number): DerivedOutcome {
  const twap = m.twapLookbackSec !== undefined && m.startTs >= TWAP_RULE_FROM;
  const at = (t: number) =>
    spot === undefined ? undefined : twap ? twapAt(spot, t, m.twapLookbackSec! * 1000, maxAgeMs) : settlePriceAt(spot, t, maxAgeMs);
  const startPrice = m.strike ?? at(m.startTs);
  const endPrice = at(m.endTs);
  if (startPrice !== undefined && endPrice !== undefined)
    return { outcome: endPrice >= startPrice ? "Up" : "Down", source: twap ? "derived-twap" : "derived-spot", startPrice, endPrice };
  if (m.lastUpPrice !== undefined) return { outcome: m.lastUpPrice >= 0.5 ? "Up" : "Down", source: "derived-last-price" };
  return { outcome: undefined, source: "unknown" };
}

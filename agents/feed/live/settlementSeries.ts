import type { GammaWindow } from "./parseGammaEvent.ts";
import type { SpotLookup } from "./LiveWindows.ts";
import type { SpotHistory } from "./SpotHistory.ts";

/** Up/Down markets settle on Chainlink TWAP streams from this day on (reference polymarket.md §3.4). */
export const TWAP_SINCE_MS = Date.UTC(2026, 7, 7);

/**
 * Whether a window settles on the TWAP (strike = the TWAP at the open, outcome = the TWAP at the
 * close ≥ it) rather than on the Chainlink spot. Gamma's `cryptoMarketConfig` decides when it
 * says (null lookback: spot); a market without it settles on the TWAP from 2026-08-07.
 */
export function settlesOnTwap(w: Pick<GammaWindow, "startTs" | "twapLookbackSeconds">): boolean {
  if (w.twapLookbackSeconds === null) return false;
  if (w.twapLookbackSeconds !== undefined) return true;
  return w.startTs >= TWAP_SINCE_MS;
}

/**
 * A history read as the value in effect at a time (within `toleranceMs`), once the feed has
 * reached that time. For the TWAP that is the point stamped at the open or the close: each point
 * is the average of the 60 s that end at its timestamp.
 */
export function historyLookup(h: SpotHistory, toleranceMs: number): SpotLookup {
  return {
    priceAt: (ts) => ((h.latest()?.tsMs ?? -Infinity) >= ts ? h.at(ts, toleranceMs)?.priceUsd : undefined),
    latest: () => h.latest()?.priceUsd,
  };
}

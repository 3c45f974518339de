import type { Outcome } from "../../../protocols/index.ts";

/** What an agent holds in one market (micro-shares of each outcome) and the net cash it paid for it, fees included (micro-USD). */
export interface Holding {
  up: number;
  down: number;
  cost: number;
}

/** A holding after a fill or a reversal, as the ledger booked it (cashDelta, sharesDelta). */
export function withFill(h: Holding | undefined, e: { outcome: Outcome; cashDelta: number; sharesDelta: number }): Holding {
  const base = h ?? { up: 0, down: 0, cost: 0 };
  return {
    up: base.up + (e.outcome === "Up" ? e.sharesDelta : 0),
    down: base.down + (e.outcome === "Down" ? e.sharesDelta : 0),
    cost: base.cost - e.cashDelta,
  };
}

/**
 * Unrealized PnL of a holding (micro-USD): its shares at `upMid` (the Up token's mid as a
 * probability; Down at 1 − mid) less what they cost. With no mid (no two-sided book seen) it is
 * marked at cost: 0, not a guess.
 */
export function unrealizedOf(h: Holding, upMid: number | undefined): number {
  if (upMid === undefined) return 0;
  return Math.round(h.up * upMid + h.down * (1 - upMid)) - h.cost;
}

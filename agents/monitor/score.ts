import type { OrderEvent } from "../../protocols/index.ts";

/** One agent's running score (micro-USD for money). */
export interface Score {
  fills: number;
  settled: number;
  wins: number;
  losses: number;
  realizedPnl: number;
  feesUsd: number;
}

export const EMPTY_SCORE: Score = { fills: 0, settled: 0, wins: 0, losses: 0, realizedPnl: 0, feesUsd: 0 };

/**
 * Fold one order event into a score. A fee is paid in pUSD, or (a buy under a shares schedule) in
 * shares; a share fee is valued here at the fill price so fees of either currency add up in USD.
 */
export function score(s: Score, e: OrderEvent): Score {
  if (e.type === "fill") return { ...s, fills: s.fills + 1, feesUsd: s.feesUsd + e.feeUsd + Math.round((e.feeShares * e.price) / 1_000_000) };
  if (e.type === "settle") {
    const win = e.pnl > 0;
    return { ...s, settled: s.settled + 1, wins: s.wins + (win ? 1 : 0), losses: s.losses + (win ? 0 : 1), realizedPnl: s.realizedPnl + e.pnl };
  }
  return s;
}

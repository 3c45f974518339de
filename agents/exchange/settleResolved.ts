import { subjects, type MarketResolved } from "../../protocols/index.ts";
import { recordMarketResolved, settleMarket, type Db } from "../../state/index.ts";

/**
 * Settle a resolved market in the ledger (winning shares pay 1, losing 0) and announce each
 * agent's settlement. Once only: a second resolution of the same market books nothing.
 */
export function settleResolved(db: Db, e: MarketResolved, now: number, publish: (subject: string, body: Record<string, unknown>) => void): void {
  if (!recordMarketResolved(db, e.marketId, e.outcome, e.derived, now)) return;
  for (const s of settleMarket(db, e.marketId, e.outcome, now)) {
    publish(subjects.orderEvent(s.agentId), {
      type: "settle", agentId: s.agentId, intentId: `settle-${e.marketId}`, marketId: e.marketId, winner: s.winner,
      upShares: s.upShares, downShares: s.downShares, payout: s.payout, pnl: s.pnl,
    });
  }
}

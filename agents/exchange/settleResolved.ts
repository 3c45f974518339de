import { subjects, type MarketResolved } from "../../protocols/index.ts";
import { recordMarketResolved, resolvedUnsettled, settleMarket, type Db, type SettlementRow } from "../../state/index.ts";

type Publish = (subject: string, body: Record<string, unknown>) => void;

/** Settle a market in the ledger and announce each agent's settlement; returns what was settled. */
function settle(db: Db, marketId: string, winner: MarketResolved["outcome"], now: number, publish: Publish): SettlementRow[] {
  const rows = settleMarket(db, marketId, winner, now);
  for (const s of rows) {
    publish(subjects.orderEvent(s.agentId), {
      type: "settle", agentId: s.agentId, intentId: `settle-${marketId}`, marketId, winner: s.winner,
      upShares: s.upShares, downShares: s.downShares, payout: s.payout, pnl: s.pnl,
    });
  }
  return rows;
}

/**
 * Settle a resolved market in the ledger (winning shares pay 1, losing 0) and announce each
 * agent's settlement. Once only: a second resolution of the same market books nothing. The
 * outcome is recorded first, on its own, so a settlement that fails is finished at the next start.
 */
export function settleResolved(db: Db, e: MarketResolved, now: number, publish: Publish): void {
  if (!recordMarketResolved(db, e.marketId, e.outcome, e.derived, now)) return;
  settle(db, e.marketId, e.outcome, now, publish);
}

/**
 * At start: positions left in markets the ledger has resolved (the last run stopped, or its write
 * failed, between the outcome and the settlement) are settled by the recorded outcome, each audited.
 */
export function settleLeftovers(db: Db, now: number, publish: Publish, audit: (body: Record<string, unknown>) => void): void {
  for (const m of resolvedUnsettled(db)) {
    for (const s of settle(db, m.marketId, m.outcome, now, publish)) {
      audit({ kind: "reconcile", severity: "info", detail: { action: "settled-at-start", reason: "resolved in the ledger but never settled", ...s } });
    }
  }
}

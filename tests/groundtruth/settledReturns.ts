import { listSettlements, type Db } from "../../state/index.ts";

/**
 * Each agent's per-trade returns from the ledger, oldest first, as the boss's TrackRecord takes
 * them: a trade is one window's settled position, its return the settlement's PnL over the cost
 * of the shares it held (fees included; −1 lost it all). A window it held nothing in at the close
 * (cost 0) is no trade.
 */
export function settledReturns(db: Db): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const s of listSettlements(db)) {
    if (!(s.cost > 0)) continue;
    const list = out.get(s.agentId) ?? [];
    list.push(s.pnl / s.cost);
    out.set(s.agentId, list);
  }
  return out;
}

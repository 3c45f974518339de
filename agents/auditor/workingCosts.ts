import { auditFigures, type Db } from "../../state/index.ts";
import type { AuditorMemory } from "./AuditorMemory.ts";
import type { Scopes } from "./checks/checkLimits.ts";
import { orderCost } from "./checks/orderCost.ts";

const WORKING = new Set(["pending", "live"]);

/**
 * What the buys approved before this decision and still working may cost, per scope of the
 * decision's agent, market and underlying. What is left of each is the ledger's (its order's size
 * less its fills) once the exchange has placed it, so a fill the ledger booked counts once, in the
 * positions, even before the auditor hears of it; before that, the approval's size less the fills
 * heard. An order the ledger has closed is no longer working and is marked so.
 */
export function workingCosts(db: Db, memory: AuditorMemory, except: string, at: { agentId: string; marketId: string; symbol: string }): Scopes {
  const sum: Scopes = { agent: 0, floor: 0, market: 0, underlying: 0 };
  for (const [intentId, a] of memory.approved) {
    if (!a.open || a.side !== "BUY" || intentId === except) continue;
    const o = auditFigures.orderOf(db, intentId);
    if (o && !WORKING.has(o.status)) {
      a.open = false;
      continue;
    }
    const m = memory.market(a.marketId);
    const cost = orderCost("BUY", a.price, o ? o.size - o.filled : a.size - a.filled, m.fee);
    sum.floor += cost;
    if (a.agentId === at.agentId) sum.agent += cost;
    if (a.marketId === at.marketId) sum.market += cost;
    if (m.symbol === at.symbol) sum.underlying += cost;
  }
  return sum;
}

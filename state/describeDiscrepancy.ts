import { toUnits } from "../protocols/index.ts";
import type { LedgerDiscrepancy } from "./reconcileLedger.ts";

type Describe = (d: LedgerDiscrepancy, rec: number, exp: number) => string;

/** How each figure reads (amounts in USD or shares). */
const BY_FIGURE: Record<string, Describe> = {
  shares: (d, r, e) => `position of ${d.agentId} in ${d.marketId} ${d.outcome}: ${r} shares recorded, its fills add up to ${e}`,
  cost: (d, r, e) => `position of ${d.agentId} in ${d.marketId} ${d.outcome}: cost ${r} recorded, its fills add up to ${e}`,
  "fill cash": (d, r, e) => `cash of ${d.agentId} from fills: journal ${r}, fills ${e}`,
  "settle cash": (d, r, e) => `cash of ${d.agentId} from settlements: journal ${r}, payouts ${e}`,
  allocations: (_d, r) => `allocations across the floor net to ${r}, not 0`,
  "floor cash": (_d, r, e) => `floor cash = deposits + realized pnl − open cost: cash ${r}, deposits + realized pnl − open cost ${e}`,
  filled: (d, r, e) => `order ${d.orderId} of ${d.agentId}: filled ${r} recorded, its fills add up to ${e}`,
};

/** One line naming a ledger invariant that does not hold, with both figures. */
export function describeDiscrepancy(d: LedgerDiscrepancy): string {
  const say = BY_FIGURE[d.figure] ?? ((x, r, e) => `${x.check} ${x.figure} of ${x.agentId}: recorded ${r}, expected ${e}`);
  return say(d, toUnits(d.recorded), toUnits(d.expected));
}

import type { IntentFields } from "../../protocols/index.ts";
import { allocatedOf, cashOf, openCostOf, riskFigures, sharesHeld, type Db } from "../../state/index.ts";
import type { Committed } from "./Commitments.ts";
import type { Exposure } from "./gate/index.ts";
import type { MarketFact } from "./MarketFacts.ts";

/**
 * An agent's, its market's, its underlying's and the floor's exposure as the ledger (the source of
 * truth) has it now, plus what the buys the boss approved and that still work hold, with the
 * data's freshness and the market's facts. The ledger reads are of the agent's own rows and of the
 * positions table (open positions only).
 */
export function exposureOf(
  db: Db, i: Pick<IntentFields, "agentId" | "marketId" | "outcome">, floorCapital: number,
  fresh: Pick<Exposure, "spotAgeMs" | "bookAgeMs" | "dataLimitMs">, m: MarketFact, held: Committed,
): Exposure {
  return {
    floorCapital,
    allocated: allocatedOf(db, i.agentId),
    agentCash: cashOf(db, i.agentId) - held.agent,
    agentOpenCost: openCostOf(db, i.agentId) + held.agent,
    floorOpenCost: openCostOf(db) + held.floor,
    marketOpenCost: riskFigures.openCostIn(db, i.marketId) + held.market,
    underlyingOpenCost: riskFigures.openCostOfSymbol(db, m.symbol) + held.underlying,
    symbol: m.symbol,
    heldShares: sharesHeld(db, i.agentId, i.marketId, i.outcome),
    minSize: m.minSize,
    ...fresh,
    ...(m.fee ? { fee: m.fee } : {}),
  };
}

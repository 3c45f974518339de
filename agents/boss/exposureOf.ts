import type { FeeSchedule } from "../../protocols/index.ts";
import { allocatedOf, cashOf, openCostOf, type Db } from "../../state/index.ts";
import type { Exposure } from "./riskGate.ts";

/**
 * An agent's and the floor's exposure as the ledger (the source of truth) has it now, with the
 * data's freshness and the intent's market's fee schedule (for a buy's pUSD fee).
 */
export function exposureOf(db: Db, agentId: string, floorCapital: number, fresh: Pick<Exposure, "spotAgeMs" | "bookAgeMs" | "dataLimitMs">, fee?: FeeSchedule): Exposure {
  return { floorCapital, allocated: allocatedOf(db, agentId), agentCash: cashOf(db, agentId), agentOpenCost: openCostOf(db, agentId), floorOpenCost: openCostOf(db), ...fresh, ...(fee ? { fee } : {}) };
}

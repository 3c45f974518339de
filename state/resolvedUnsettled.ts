import type { Outcome } from "../protocols/index.ts";
import type { Db } from "./openDb.ts";
import { stmt } from "./stmt.ts";

/** Markets the ledger has resolved that still hold positions: their settlement never happened (or failed). */
export function resolvedUnsettled(db: Db): Array<{ marketId: string; outcome: Outcome }> {
  return stmt(
    db,
    "SELECT m.market_id AS marketId, m.outcome AS outcome FROM markets m WHERE m.outcome IS NOT NULL AND EXISTS (SELECT 1 FROM positions p WHERE p.market_id = m.market_id) ORDER BY m.end_ts, m.market_id",
  ).all() as Array<{ marketId: string; outcome: Outcome }>;
}

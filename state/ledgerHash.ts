import { createHash } from "node:crypto";
import type { Db } from "./openDb.ts";
import { stmt } from "./stmt.ts";

/** Ledger tables and the columns that define them; wall-clock-free, so equal runs hash equal. */
const TABLES: ReadonlyArray<[string, string]> = [
  ["orders", "order_id, intent_id, agent_id, market_id, token_id, outcome, side, type, price_micro, size_micro, filled_micro, status, reason, created_ts, updated_ts"],
  ["fills", "fill_id, order_id, agent_id, market_id, outcome, side, price_micro, size_micro, fee_shares_micro, fee_usd_micro, cash_delta_micro, shares_delta_micro, liquidity, rebate_micro, ts"],
  ["settlements", "agent_id, market_id, winner, up_shares_micro, down_shares_micro, payout_micro, cost_micro, pnl_micro, ts"],
  ["cash", "agent_id, delta_micro, reason, ref, ts"],
  ["positions", "agent_id, market_id, outcome, shares_micro, cost_micro"],
];

/** SHA-256 over every ledger row in order: two runs with the same inputs give the same hash. */
export function ledgerHash(db: Db): string {
  const h = createHash("sha256");
  for (const [table, cols] of TABLES) {
    const order = table === "positions" ? "agent_id, market_id, outcome" : "seq";
    h.update(`#${table}\n`);
    for (const row of stmt(db, `SELECT ${cols} FROM ${table} ORDER BY ${order}`).raw().iterate() as Iterable<unknown[]>) {
      h.update(JSON.stringify(row));
      h.update("\n");
    }
  }
  return h.digest("hex");
}

import { describeDiscrepancy } from "../../state/describeDiscrepancy.ts";
import type { Db } from "../../state/index.ts";
import { reconcileLedger } from "../../state/reconcileLedger.ts";
import { invariant, type InvariantResult } from "./Invariant.ts";

/** The ledger balances to the micro-unit: reconcileLedger (positions, cash, orders' filled sizes) finds nothing on the exchange's file. */
export function ledgerBalances(exchange: Db): InvariantResult {
  const problems = reconcileLedger(exchange).map(describeDiscrepancy);
  return invariant("ledger balances", "positions = fills, cash = deposits + realized pnl − open cost, filled = sum of fills (micro-units)", problems);
}

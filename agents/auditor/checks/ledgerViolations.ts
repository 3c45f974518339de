import type { LedgerDiscrepancy } from "../../../state/index.ts";
import type { Broken } from "./Broken.ts";

/** A ledger discrepancy as a broken rule, the agent it concerns (none for a floor-wide figure) and a key to report it once by. */
export interface LedgerBreak extends Broken {
  agentId?: string;
  key: string;
  refs: Record<string, string>;
}

/** Accounts that are not an agent: the floor's own, and reconcileLedger's "*" for floor-wide figures. */
const NOT_AGENTS = new Set(["*", "floor"]);

/**
 * Each figure the ledger keeps twice that does not agree (state/reconcileLedger.ts) becomes rule
 * `ledger.<check>`, allowed = what the rows add up to, actual = the summary recorded. Its key names
 * the record and both figures, so the same discrepancy is reported once while it stays the same.
 */
export function ledgerViolations(ds: readonly LedgerDiscrepancy[]): LedgerBreak[] {
  return ds.map((d) => {
    const refs: Record<string, string> = { figure: d.figure };
    if (d.marketId !== undefined) refs.marketId = d.marketId;
    if (d.outcome !== undefined) refs.outcome = d.outcome;
    if (d.orderId !== undefined) refs.orderId = d.orderId;
    const where = [d.agentId, d.marketId, d.outcome, d.orderId].filter((x) => x !== undefined).join(" ");
    return {
      rule: `ledger.${d.check}`, allowed: d.expected, actual: d.recorded, refs,
      reason: `${d.figure} of ${where}: recorded ${d.recorded}, the rows make ${d.expected}`,
      key: JSON.stringify([d.check, d.figure, d.agentId, d.marketId, d.outcome, d.orderId, d.recorded, d.expected]),
      ...(NOT_AGENTS.has(d.agentId) ? {} : { agentId: d.agentId }),
    };
  });
}

import { formatMicro } from "../../../protocols/index.ts";

/** The floor's own account in the ledger: capital not allocated to any agent. */
export const FLOOR_ACCOUNT = "floor";

/** One ledger transfer of micro-USD, with the reason the boss records. */
export interface Move {
  from: string;
  to: string;
  amount: number;
  reason: string;
}

/**
 * The transfers from what each agent holds to its target: agents give back first, then the floor
 * hands out, so the floor always holds the cash it transfers. No move for an unchanged amount.
 */
export function movesTo(holdings: ReadonlyArray<{ id: string; allocated: number }>, targets: ReadonlyArray<{ id: string; amount: number; reason: string }>): Move[] {
  const moves = targets.map((t, i) => {
    const held = holdings[i]!.allocated;
    const reason = `${t.id}: ${formatMicro(held)} → ${formatMicro(t.amount)}; ${t.reason}`;
    return t.amount < held ? { from: t.id, to: FLOOR_ACCOUNT, amount: held - t.amount, reason } : { from: FLOOR_ACCOUNT, to: t.id, amount: t.amount - held, reason };
  });
  return [...moves.filter((m) => m.to === FLOOR_ACCOUNT), ...moves.filter((m) => m.from === FLOOR_ACCOUNT && m.amount > 0)];
}

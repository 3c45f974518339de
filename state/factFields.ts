import type { Fact, FactKind } from "./matchFacts.ts";

/** The figures compared per kind: the ledger's columns, named as the audit records' detail names them. */
export const FIELDS: Record<FactKind, readonly string[]> = {
  order: ["agentId", "price", "size"],
  fill: ["orderId", "agentId", "side", "outcome", "price", "size", "feeShares", "feeUsd", "cashDelta", "sharesDelta"],
  reversal: ["orderId", "size", "cashDelta", "sharesDelta"],
  settlement: ["winner", "upShares", "downShares", "payout", "pnl"],
  transfer: ["from", "to", "amount"],
  deposit: ["amount"],
};

/** Deposits have no id of their own: the nth deposit of an account is `account#n` on both sides. */
export function numbered(facts: Fact[]): Fact[] {
  const n = new Map<string, number>();
  return facts.map((f) => {
    if (f.kind !== "deposit") return f;
    n.set(f.key, (n.get(f.key) ?? 0) + 1);
    return { ...f, key: `${f.key}#${n.get(f.key)}` };
  });
}

/** The kind's compared fields of a row or an audit detail (absent ones left out, so they show as missing). */
export const pick = (kind: FactKind, from: Record<string, unknown>) =>
  Object.fromEntries(FIELDS[kind].map((f) => [f, from[f] as string | number]).filter(([, v]) => v !== undefined));

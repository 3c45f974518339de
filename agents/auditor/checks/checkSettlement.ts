import type { Outcome, Settlement } from "../../../protocols/index.ts";
import type { LedgerHolding } from "../../../state/index.ts";
import type { Broken } from "./Broken.ts";

/**
 * A settlement must follow the market's outcome and the shares the agent's fills left it: the
 * winner is the outcome the ledger recorded (and the one announced on md.market, when heard),
 * each outcome's shares are the fills' sums, the payout is the winner's shares (1 each) and the
 * PnL is the payout less the fills' net cost, fees included.
 */
export function checkSettlement(s: Pick<Settlement, "winner" | "upShares" | "downShares" | "payout" | "pnl">, held: LedgerHolding, announced: Outcome | undefined): Broken | undefined {
  const outcome = held.outcome ?? announced;
  if (outcome === undefined) return { rule: "settle.outcome", allowed: "a resolved market", actual: s.winner, reason: `settled as ${s.winner} with no outcome recorded` };
  if (s.winner !== outcome || (announced !== undefined && announced !== outcome)) {
    return { rule: "settle.outcome", allowed: outcome, actual: s.winner, reason: `settled as ${s.winner}; the ledger recorded ${outcome}${announced ? `, the feed announced ${announced}` : ""}` };
  }
  const payout = outcome === "Up" ? held.upShares : held.downShares;
  const expected: Array<[string, number, number]> = [
    ["upShares", held.upShares, s.upShares],
    ["downShares", held.downShares, s.downShares],
    ["payout", payout, s.payout],
    ["pnl", payout - held.cost, s.pnl],
  ];
  for (const [figure, allowed, actual] of expected) {
    if (allowed !== actual) return { rule: "settle.payout", allowed, actual, reason: `settlement ${figure} ${actual}; the fills make ${allowed}` };
  }
  return undefined;
}

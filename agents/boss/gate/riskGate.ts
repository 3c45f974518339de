import type { RiskConfig } from "../../../protocols/index.ts";
import { buyCost } from "./buyCost.ts";
import { CAPS } from "./caps.ts";
import { CHECKS } from "./checks.ts";
import type { Exposure, GateIntent, GateState, Verdict } from "./Exposure.ts";
import { fitSize } from "./fitSize.ts";
import { shares } from "./format.ts";

/**
 * The boss's pre-trade gate for one intent: each refusing check in turn (capital, trading state,
 * the venue's rates, then for buys stale data and an implausible edge); sells that get that far
 * pass, since they only take exposure off. A buy must then fit every cap on what it costs, its
 * pUSD fee included; one over a cap is approved at the largest size that fits them all (whole
 * size steps, not below the market's minimum), its reason naming the cap that bound, or rejected
 * with that reason when no such size exists.
 */
export function riskGate(i: GateIntent, x: Exposure, risk: RiskConfig, s: GateState): Verdict {
  for (const c of CHECKS) {
    if (c.buysOnly && i.side !== "BUY") continue;
    const reason = c.refuse(i, x, risk, s);
    if (reason !== undefined) return { approved: false, reason };
  }
  if (i.side === "SELL") return { approved: true };
  const cost = buyCost(i.price, i.size, x.fee);
  let bound: { room: number; say: () => string } | undefined;
  for (const c of CAPS) {
    const limit = c.limit(x, risk);
    const used = c.used(x);
    if (bound === undefined || limit - used < bound.room) bound = { room: limit - used, say: () => c.say(used + cost, limit, x) };
  }
  if (!bound || cost <= bound.room) return { approved: true };
  const size = fitSize(i.price, i.size, x.fee, bound.room, x.minSize);
  if (size === undefined) return { approved: false, reason: bound.say() };
  return { approved: true, resize: { size, reason: `resized from ${shares(i.size)} to ${shares(size)} shares: ${bound.say()}` } };
}

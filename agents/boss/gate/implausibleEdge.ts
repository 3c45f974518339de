import type { RiskConfig } from "../../../protocols/index.ts";
import { costPerShare } from "./buyCost.ts";
import type { Exposure, GateIntent } from "./Exposure.ts";

/** Beliefs and costs are floats: 0.80 − 0.50 is 0.30000000000000004, which is not over 0.30. */
const TIE = 1e-9;

/**
 * A trader that believes a share is worth far more than it costs after the fee is more likely
 * broken (a bad feed, a bug, a poisoned input) than right: on markets about as efficient as these,
 * an edge over `maxEdge` is refused, not sized.
 */
export function implausibleEdge(i: GateIntent, x: Exposure, risk: RiskConfig): string | undefined {
  const cost = costPerShare(i.price, i.size, x.fee, i.postOnly === true);
  const edge = i.belief - cost;
  if (edge <= risk.maxEdge + TIE) return undefined;
  return `implausible edge: belief ${i.belief.toFixed(4)} against ${cost.toFixed(4)} a share after the fee is ${(edge * 100).toFixed(1)} points (limit ${(risk.maxEdge * 100).toFixed(1)})`;
}

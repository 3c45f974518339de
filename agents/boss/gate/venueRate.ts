import { VENUE_RATE_TIERS, type RiskConfig } from "../../../protocols/index.ts";
import type { GateIntent, GateState } from "./Exposure.ts";

/** Every order costs one token of the signer's order bucket (POST /orders: 1 a order). */
export function orderRate(_i: GateIntent, s: GateState, risk: RiskConfig): string | undefined {
  const t = VENUE_RATE_TIERS[risk.venueTier];
  return s.orderTokens >= 1 ? undefined : `venue order rate: the signer's bucket is empty (${risk.venueTier}: ${t.orderPerSec}/s, burst ${t.orderBurst})`;
}

/**
 * Cancels go from the trader straight to the venue, so the boss cannot hold them back; it can hold
 * back what will need one. While the cancel bucket is empty, no new resting order (GTC, GTD) goes out.
 */
export function cancelRate(i: GateIntent, s: GateState, risk: RiskConfig): string | undefined {
  if (i.type !== "GTC" && i.type !== "GTD") return undefined;
  const t = VENUE_RATE_TIERS[risk.venueTier];
  return s.cancelTokens >= 1 ? undefined : `venue cancel rate: the signer's bucket is empty, so no new resting order (${risk.venueTier}: ${t.cancelPerSec}/s, burst ${t.cancelBurst})`;
}

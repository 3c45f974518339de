import type { Rng } from "../../../floor/random/createRng.ts";

/** The part of SimConfig that drives other traders' market orders. */
export interface FlowModel {
  noiseTradesPerMin: number;
  noiseMinShares: number;
  noiseMaxShares: number;
  whaleTradesPerHour: number;
  whaleMinShares: number;
  whaleMaxShares: number;
  whaleMaxTicks: number;
}

/** A market order from the public: which token, which way, how many shares, how far past the best price it may walk. */
export interface FlowOrder {
  kind: "noise" | "whale";
  outcome: "Up" | "Down";
  side: "BUY" | "SELL";
  /** Shares, whole. */
  shares: number;
  maxTicks: number;
}

/**
 * The public's market orders in one market over `dtSec`: noise traders (uninformed, a random
 * token and direction, at most one tick past the best price) and whales (a large sweep).
 * Arrivals are Bernoulli per step with the configured rate, so a step holds at most one of each.
 */
export function drawFlow(m: FlowModel, dtSec: number, rng: Rng): FlowOrder[] {
  const out: FlowOrder[] = [];
  const pick = (kind: FlowOrder["kind"], shares: number, maxTicks: number): FlowOrder => ({
    kind,
    outcome: rng.next() < 0.5 ? "Up" : "Down",
    side: rng.next() < 0.5 ? "BUY" : "SELL",
    shares,
    maxTicks,
  });
  if (rng.next() < (m.noiseTradesPerMin / 60) * dtSec) out.push(pick("noise", rng.int(m.noiseMinShares, Math.max(m.noiseMinShares, m.noiseMaxShares)), 1));
  if (rng.next() < (m.whaleTradesPerHour / 3600) * dtSec) out.push(pick("whale", rng.int(m.whaleMinShares, Math.max(m.whaleMinShares, m.whaleMaxShares)), m.whaleMaxTicks));
  return out;
}

import type { Rng } from "../../floor/random/createRng.ts";

export interface SpotModel {
  /** Annualised volatility the walk reverts to (0.55 = 55%). */
  volAnnual: number;
  /** How strongly volatility clusters: 0 = constant, 0.05 = persistent bursts. */
  volOfVol: number;
  /** Chance per step of a jump, and its size as a multiple of one step's volatility. */
  jumpProb: number;
  jumpSigmas: number;
}

export interface SpotState {
  price: number;
  /** Current per-step volatility multiplier (1 = the base level). */
  volMult: number;
}

const SECONDS_PER_YEAR = 365 * 24 * 3600;

/** Per-second volatility for an annualised figure. */
export function sigmaPerSecond(volAnnual: number): number {
  return volAnnual / Math.sqrt(SECONDS_PER_YEAR);
}

/**
 * One step of a seeded log-normal walk with mean-reverting stochastic volatility and rare
 * jumps: enough texture for a walking skeleton (issue 3 calibrates it to real data).
 */
export function stepSpot(s: SpotState, m: SpotModel, dtSec: number, rng: Rng): SpotState {
  const volMult = Math.min(4, Math.max(0.25, s.volMult + 0.02 * (1 - s.volMult) + m.volOfVol * rng.normal()));
  const sigma = sigmaPerSecond(m.volAnnual) * volMult * Math.sqrt(dtSec);
  let r = sigma * rng.normal() - (sigma * sigma) / 2;
  if (rng.next() < m.jumpProb) r += (rng.next() < 0.5 ? -1 : 1) * m.jumpSigmas * sigma;
  return { price: s.price * Math.exp(r), volMult };
}

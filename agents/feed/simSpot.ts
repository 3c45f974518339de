import type { Rng } from "../../floor/random/createRng.ts";

export interface SpotModel {
  /** Long-run annualised volatility (root mean square over the vol process; 0.55 = 55%). */
  volAnnual: number;
  /**
   * Volatility clustering: the stationary standard deviation of log volatility (0 = constant
   * volatility, 0.5 = bursts where volatility doubles or halves are common).
   */
  volOfVol: number;
  /** Half-life of a volatility shock, in minutes (how long a calm or busy spell lasts). */
  volHalfLifeMin: number;
  /** Chance per second of a jump. */
  jumpProb: number;
  /** Mean size of a jump as a multiple of one second's current volatility (each jump is uniform in 0.5..1.5 times it). */
  jumpSigmas: number;
}

export interface SpotState {
  price: number;
  /** Current volatility multiplier (1 = the base level; its mean square is 1). */
  volMult: number;
}

const SECONDS_PER_YEAR = 365 * 24 * 3600;
const VOL_MULT_MIN = 0.05;
const VOL_MULT_MAX = 20;

/** Per-second volatility for an annualised figure. */
export function sigmaPerSecond(volAnnual: number): number {
  return volAnnual / Math.sqrt(SECONDS_PER_YEAR);
}

/**
 * One step of a seeded log-normal walk with stochastic volatility and jumps. Log volatility
 * h = ln(volMult) + volOfVol² follows an Ornstein–Uhlenbeck process with stationary standard
 * deviation `volOfVol` and half-life `volHalfLifeMin` (stepped exactly for any `dtSec`), so the
 * mean square of `volMult` is 1 and `volAnnual` stays the long-run volatility. A jump, with
 * probability `jumpProb` per second, adds ± `jumpSigmas` × (0.5..1.5, uniform) × the step's
 * per-second volatility. Three draws a step (five on a jump): cheap enough for a step a second.
 */
export function stepSpot(s: SpotState, m: SpotModel, dtSec: number, rng: Rng): SpotState {
  const v2 = m.volOfVol * m.volOfVol;
  const decay = m.volHalfLifeMin > 0 ? Math.exp((-Math.LN2 * dtSec) / (m.volHalfLifeMin * 60)) : 0;
  const h = (Math.log(s.volMult) + v2) * decay + m.volOfVol * Math.sqrt(1 - decay * decay) * rng.normal();
  const volMult = Math.min(VOL_MULT_MAX, Math.max(VOL_MULT_MIN, Math.exp(h - v2)));
  const perSec = sigmaPerSecond(m.volAnnual) * volMult;
  const sigma = perSec * Math.sqrt(dtSec);
  let r = sigma * rng.normal() - (sigma * sigma) / 2;
  if (rng.next() < m.jumpProb * dtSec) r += (rng.next() < 0.5 ? -1 : 1) * m.jumpSigmas * perSec * (0.5 + rng.next());
  return { price: s.price * Math.exp(r), volMult };
}

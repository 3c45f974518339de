import { normCdf } from "./normCdf.ts";

/**
 * Probability that an Up/Down market resolves Up (end price ≥ strike) under a driftless
 * log-normal walk: Φ((ln(S/K) + drift·τ) / (σ·√τ)), with σ and drift per second and τ in seconds.
 * At or past the close it is 1 or 0 (a tie resolves Up).
 */
export function upProbability(spot: number, strike: number, sigmaPerSec: number, secondsLeft: number, driftPerSec = 0): number {
  if (!(spot > 0 && strike > 0)) throw new RangeError("spot and strike must be positive");
  if (secondsLeft <= 0 || sigmaPerSec <= 0) return spot >= strike ? 1 : 0;
  return normCdf((Math.log(spot / strike) + driftPerSec * secondsLeft) / (sigmaPerSec * Math.sqrt(secondsLeft)));
}

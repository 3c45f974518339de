import { upProbability } from "../../../../floor/pricing/index.ts";

/**
 * The log-normal chance of finishing at or above the strike with a drift that moves the expected
 * log price at the close by `tilt` standard deviations of the move still to come (tilt > 0
 * towards Up): Φ(ln(S/K)/(σ√τ) + tilt), i.e. `upProbability` with drift tilt·σ/√τ per second.
 * At the money it is Φ(tilt): a tilt of 0.3 believes Up 61.8%. At or past the close it is the
 * settled 1 or 0, tilt or not.
 */
export function tiltedUpProbability(spot: number, strike: number, sigmaPerSec: number, secondsLeft: number, tilt: number): number {
  const drift = secondsLeft > 0 ? (tilt * sigmaPerSec) / Math.sqrt(secondsLeft) : 0;
  return upProbability(spot, strike, sigmaPerSec, secondsLeft, drift);
}

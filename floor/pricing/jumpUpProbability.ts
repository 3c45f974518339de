import { upProbability } from "./upProbability.ts";

/** Points of the midpoint rule over the jump's size factor U, uniform in 0.5..1.5. */
const U_POINTS = 5;

/**
 * Probability that an Up/Down market resolves Up when the spot follows a driftless log-normal
 * walk plus rare jumps, as the simulator's walk does (agents/feed/simSpot.ts): with probability
 * `jumpProbPerSec` each second a jump of ± `jumpLog` × U in log price, U uniform in 0.5..1.5.
 * A mixture: no jump in the time left (the plain `upProbability`), or one jump of either sign,
 * averaged over its size. Two or more jumps are counted as one (at 15 minutes and about ten jumps
 * a day, that is about 1 window in 200, and it moves the price only when both land). Near the
 * strike this is sharper than `upProbability` with the jumps' variance added to σ: jumps are rare
 * and large, so most of the time the diffusion alone decides.
 */
export function jumpUpProbability(spot: number, strike: number, sigmaPerSec: number, secondsLeft: number, jumpProbPerSec: number, jumpLog: number): number {
  const plain = upProbability(spot, strike, sigmaPerSec, secondsLeft);
  if (secondsLeft <= 0 || jumpProbPerSec <= 0 || jumpLog <= 0) return plain;
  const q = 1 - (1 - Math.min(1, jumpProbPerSec)) ** secondsLeft;
  let jumped = 0;
  for (let k = 0; k < U_POINTS; k++) {
    const size = jumpLog * (0.5 + (k + 0.5) / U_POINTS);
    jumped += upProbability(spot * Math.exp(size), strike, sigmaPerSec, secondsLeft) + upProbability(spot * Math.exp(-size), strike, sigmaPerSec, secondsLeft);
  }
  return (1 - q) * plain + (q * jumped) / (2 * U_POINTS);
}

import { normCdf } from "./normCdf.ts";

/** Poisson mass left out of the sum, at most (far below what a belief needs: it is scored to 1e−4). */
const TAIL = 1e-9;

/**
 * Merton (1976) jump-diffusion chance that an Up/Down market resolves Up (end price ≥ strike):
 * a driftless log-normal diffusion with total variance `diffusionVariance` over the time left,
 * plus a Poisson number of jumps (`expectedJumps` = λτ on average) each normal in log price with
 * mean `jumpMean` and standard deviation `jumpSd`. Conditional on n jumps the log end price is
 * normal, so P(S_T ≥ K) = Σₙ Poisson(n; λτ) Φ(d₂ₙ) with
 * d₂ₙ = (ln(S/K) + n·μ_J) / √(σ²τ + n·δ²). The series is summed until the Poisson mass left is
 * below 1e−9. With no jumps expected it is `upProbability` (same convention: no drift in log
 * price; a tie resolves Up). Taking the total variance lets a term structure (GARCH's
 * integrated variance) stand in for σ²τ.
 */
export function mertonUpProbability(spot: number, strike: number, diffusionVariance: number, expectedJumps: number, jumpMean: number, jumpSd: number): number {
  if (!(spot > 0 && strike > 0)) throw new RangeError("spot and strike must be positive");
  if (!(expectedJumps >= 0) || !(jumpSd >= 0) || !(diffusionVariance >= 0)) throw new RangeError("variances and the jump count must be non-negative");
  const x = Math.log(spot / strike);
  const m = expectedJumps;
  let w = Math.exp(-m);
  let mass = 0;
  let p = 0;
  const last = Math.ceil(m + 12 * Math.sqrt(m) + 30);
  for (let n = 0; n <= last; n++) {
    if (n > 0) w *= m / n;
    const v = diffusionVariance + n * jumpSd * jumpSd;
    const mean = x + n * jumpMean;
    p += w * (v > 0 ? normCdf(mean / Math.sqrt(v)) : mean >= 0 ? 1 : 0);
    mass += w;
    if (1 - mass < TAIL && n >= m) break;
  }
  return Math.min(1, Math.max(0, p / mass));
}

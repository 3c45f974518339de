import { upProbability } from "../../../../floor/pricing/index.ts";

/**
 * How far the latest log price x_n stands from the mean of the n log prices in a window of
 * `spanSec`, in the standard deviations that gap has under a driftless random walk with
 * volatility `sigmaPerSec`: z = (x_n − x̄) / sd. With n points Δ = span/(n−1) apart,
 * x_n − x̄ = (1/n) Σ_k k·r_k over the n−1 increments r_k, so its variance is
 * σ²Δ(n−1)(2n−1)/(6n) = σ²·span·(2n−1)/(6n), which tends to σ²·span/3 for dense ticks (the
 * continuous case: B_T − (1/T)∫B_t dt = ∫ (t/T) dB_t, variance T/3). So under the null of no
 * reversion z is standard normal, whatever the window and the tick rate. Undefined when it
 * cannot be judged (fewer than two points, no span or no volatility).
 */
export function stretchZ(deviation: number, n: number, spanSec: number, sigmaPerSec: number): number | undefined {
  if (n < 2 || !(spanSec > 0) || !(sigmaPerSec > 0)) return undefined;
  const sd = sigmaPerSec * Math.sqrt((spanSec * (2 * n - 1)) / (6 * n));
  return deviation / sd;
}

/**
 * The chance of finishing at or above the strike when spot is expected to give back `reversion`
 * (0…1) of its log deviation from the moving average by the close: the log-normal N(d2) from a
 * spot shifted by −reversion·deviation, i.e. Φ((ln(S/K) − ρ·dev) / (σ√τ)). With ρ = 0 it is the
 * driftless fair value; with ρ = 1 and spot stretched above a strike that equals its average, ½.
 */
export function revertedUpProbability(spot: number, strike: number, sigmaPerSec: number, secondsLeft: number, deviation: number, reversion: number): number {
  return upProbability(spot * Math.exp(-reversion * deviation), strike, sigmaPerSec, secondsLeft);
}

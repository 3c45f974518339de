import { normInv } from "../pricing/index.ts";

/** Euler–Mascheroni γ. */
const EULER_GAMMA = 0.5772156649015329;

/** The Sharpe ratios of every variant tried, or their (ddof = 0) standard deviation and count. */
export type TrialSharpes = readonly number[] | { sd: number; n: number };

/**
 * SR₀ of the deflated Sharpe ratio (Bailey & López de Prado 2014): the expected maximum of N
 * zero-skill Sharpe estimates, sd·((1 − γ)·Φ⁻¹(1 − 1/N) + γ·Φ⁻¹(1 − 1/(N·e))). The sd of a list is
 * the population one (ddof = 0), numpy's default as in mlfinlab: with ddof = 1 mlfinlab's own test
 * case moves from DSR 0.958 to 0.152 (research-2026-12 §1). A single trial selects nothing: SR₀ = 0.
 */
export function expectedMaxSharpe(trials: TrialSharpes): number {
  const { sd, n } = "sd" in trials ? trials : spread(trials);
  if (!(sd >= 0 && Number.isFinite(sd)) || !(n >= 1)) throw new RangeError(`needs sd ≥ 0 and at least one trial: sd ${sd}, n ${n}`);
  if (n < 2) return 0;
  return sd * ((1 - EULER_GAMMA) * normInv(1 - 1 / n) + EULER_GAMMA * normInv(1 - 1 / (n * Math.E)));
}

function spread(xs: readonly number[]): { sd: number; n: number } {
  let sum = 0;
  for (const x of xs) sum += x;
  const mean = sum / xs.length;
  let squares = 0;
  for (const x of xs) squares += (x - mean) ** 2;
  return { sd: Math.sqrt(squares / xs.length), n: xs.length };
}

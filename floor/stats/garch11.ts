import type { Rng } from "../random/createRng.ts";
import { nelderMead } from "./nelderMead.ts";

/**
 * GARCH(1,1) (Bollerslev 1986) on zero-mean step returns rₜ: the variance of the next step is
 * hₜ₊₁ = ω + α rₜ² + β hₜ, with ω > 0, α, β ≥ 0 and α + β < 1 (stationary: long-run variance
 * V_L = ω / (1 − α − β), to which forecasts revert at the rate α + β per step).
 */
export interface Garch11 {
  omega: number;
  alpha: number;
  beta: number;
}

export interface Garch11Fit extends Garch11 {
  /** Gaussian log-likelihood at the fit (with its 2π term). */
  logLik: number;
  /** Returns fitted. */
  n: number;
  /** The variance of the step after the last return, under the fit. */
  hNext: number;
  /** Whether the optimiser met its tolerance (else it stopped at its iteration limit). */
  converged: boolean;
  evaluations: number;
}

/** One step of the recursion: the next step's variance after return `r` in a step of variance `h`. */
export function garchNext(p: Garch11, h: number, r: number): number {
  return p.omega + p.alpha * r * r + p.beta * h;
}

/** The long-run (unconditional) variance per step, ω / (1 − α − β). */
export function garchLongRun(p: Garch11): number {
  return p.omega / (1 - p.alpha - p.beta);
}

/**
 * Forecast of the variance summed over the next `steps` steps (the integrated variance to the
 * horizon), from `hNext`, the variance of the first of them: with φ = α + β the step-i variance is
 * V_L + φ^(i−1)(hNext − V_L), so the sum is k·V_L + (hNext − V_L)(1 − φᵏ)/(1 − φ): the mean-reverting
 * term structure. A fractional `steps` takes the same formula (a horizon between grid points).
 */
export function garchIntegratedVariance(p: Garch11, hNext: number, steps: number): number {
  if (steps <= 0) return 0;
  const phi = p.alpha + p.beta;
  if (phi <= 0) return p.omega * steps;
  const vl = garchLongRun(p);
  // (1 − φᵏ)/(1 − φ) tends to k as φ → 1; expm1/log1p keep it accurate there.
  const geometric = -Math.expm1(steps * Math.log(phi)) / -Math.expm1(Math.log(phi));
  return steps * vl + (hNext - vl) * geometric;
}

/**
 * Gaussian negative log-likelihood of `r` under `p`, the first step's variance `h0` (the sample
 * variance is the usual choice): ½ Σ (ln 2π + ln hₜ + rₜ²/hₜ). Also the variance of the step after
 * the last return. Infinity where a variance is not positive.
 */
export function garchNegLogLik(p: Garch11, r: ArrayLike<number>, h0: number): { nll: number; hNext: number } {
  const { omega, alpha, beta } = p;
  let h = h0;
  let sum = 0;
  // Σ ln hₜ as the log of products of 8 (one logarithm per 8 steps: most of the cost otherwise).
  let prod = 1;
  const n = r.length;
  for (let t = 0; t < n; t++) {
    if (!(h > 0 && h < Infinity)) return { nll: Infinity, hNext: h };
    const x = r[t]!;
    sum += (x * x) / h;
    prod *= h;
    if ((t & 7) === 7) {
      sum += Math.log(prod);
      prod = 1;
    }
    h = omega + alpha * x * x + beta * h;
  }
  sum += Math.log(prod);
  return { nll: 0.5 * (sum + n * Math.log(2 * Math.PI)), hNext: h };
}

export interface GarchFitOptions {
  /** Largest α + β allowed (strictly below 1); default 1 − 1e-6, room for per-second data. */
  maxPersistence?: number;
  /** Fewest returns to fit; fewer gives undefined. */
  minReturns?: number;
  /** Iterations of each Nelder–Mead run. */
  maxIter?: number;
  /** A previous fit to start from (a refit on a window that moved on): one run from it and a restart, instead of two starts and a restart. */
  start?: Garch11;
}

const logistic = (x: number) => 1 / (1 + Math.exp(-x));
const logit = (p: number) => Math.log(p / (1 - p));

/**
 * Maximum (Gaussian quasi-) likelihood fit of GARCH(1,1) to zero-mean returns. The returns are
 * scaled to unit mean square first (ω is fitted in those units and scaled back), and the
 * optimiser (Nelder–Mead) searches an unbounded space mapped onto the admissible one:
 * ω = e^a, α + β = φmax · logistic(b), α = (α + β) · logistic(c), so ω > 0, α, β ≥ 0 and
 * α + β < 1 hold everywhere it looks. It starts from two points (short and long memory), or
 * from `start`, and restarts from the better optimum once (a simplex can stall). The first step's variance is the
 * sample variance. O(n) per evaluation, a few hundred evaluations per run: for a refit now and
 * then, never per tick. Undefined with fewer than `minReturns` returns or none non-zero.
 */
export function fitGarch11(r: ArrayLike<number>, opts: GarchFitOptions = {}): Garch11Fit | undefined {
  const n = r.length;
  const phiMax = opts.maxPersistence ?? 1 - 1e-6;
  if (!(phiMax > 0 && phiMax < 1)) throw new RangeError("maxPersistence must lie in (0, 1)");
  if (n < (opts.minReturns ?? 30)) return undefined;
  let ms = 0;
  for (let t = 0; t < n; t++) ms += r[t]! * r[t]!;
  ms /= n;
  if (!(ms > 0) || !Number.isFinite(ms)) return undefined;
  const scale = Math.sqrt(ms);
  const z = new Float64Array(n);
  for (let t = 0; t < n; t++) z[t] = r[t]! / scale;

  const decode = (x: readonly number[]): Garch11 => {
    const phi = phiMax * logistic(x[1]!);
    const alpha = phi * logistic(x[2]!);
    return { omega: Math.exp(x[0]!), alpha, beta: phi - alpha };
  };
  const encode = (p: Garch11): number[] => {
    const phi = p.alpha + p.beta;
    return [Math.log(p.omega), logit(phi / phiMax), logit(p.alpha / phi)];
  };
  const objective = (x: readonly number[]) => garchNegLogLik(decode(x), z, 1).nll;
  const nm = (x0: number[]) => nelderMead(objective, x0, { maxIter: opts.maxIter ?? 400, step: 0.5, fTol: 1e-9, xTol: 1e-6 });

  // Variance-targeted starts (ω = 1 − α − β in unit-variance terms): short memory, and long memory.
  const admissible = (g: Garch11 | undefined) => g !== undefined && g.omega > 0 && g.alpha > 0 && g.beta > 0 && g.alpha + g.beta < phiMax;
  const starts: Garch11[] = admissible(opts.start)
    ? [{ omega: (1 - opts.start!.alpha - opts.start!.beta), alpha: opts.start!.alpha, beta: opts.start!.beta }]
    : [
        { omega: 0.15, alpha: 0.1, beta: 0.75 },
        { omega: 0.01, alpha: 0.02, beta: 0.97 },
      ];
  let best = nm(encode(starts[0]!));
  let evaluations = best.evaluations;
  for (const s of starts.slice(1)) {
    const run = nm(encode(s));
    evaluations += run.evaluations;
    if (run.f < best.f) best = run;
  }
  const again = nm(best.x);
  evaluations += again.evaluations;
  if (again.f <= best.f) best = again;

  const unit = decode(best.x);
  const p: Garch11 = { omega: unit.omega * ms, alpha: unit.alpha, beta: unit.beta };
  const { nll, hNext } = garchNegLogLik(p, r, ms);
  return { ...p, logLik: -nll, n, hNext, converged: again.converged, evaluations };
}

/** A GARCH(1,1) path of `n` Gaussian returns, starting at the long-run variance (for tests and examples). */
export function simulateGarch11(p: Garch11, n: number, rng: Rng): number[] {
  const out: number[] = [];
  let h = garchLongRun(p);
  for (let t = 0; t < n; t++) {
    const x = Math.sqrt(h) * rng.normal();
    out.push(x);
    h = garchNext(p, h, x);
  }
  return out;
}

/**
 * An exponentially weighted variance per second on irregularly spaced returns, updated O(1) per
 * return: two decayed sums, A = Σ e^{−κ(t−tᵢ)} rᵢ² and B = Σ e^{−κ(t−tᵢ)} Δtᵢ, with κ = ln 2 / half-life,
 * and the estimate A / B. Each return counts by its own squared size and the time it spans, so a
 * tick after a long gap weighs as much as the ticks it stands for, and the ratio needs no warm-up
 * correction (the first returns give their plain realised variance). On a regular grid of step
 * Δ it is RiskMetrics' recursion σ²ₜ = λσ²ₜ₋₁ + (1 − λ)r²ₜ (per step) with λ = 2^(−Δ/half-life),
 * once λⁿ is negligible (`lambdaForHalfLife`). Mutable and allocation-free: it runs on every tick.
 */
export class EwmaVariance {
  /** Decayed Σ r² and Σ Δt (seconds). */
  sumSq = 0;
  sumDt = 0;

  constructor(readonly halfLifeSec: number) {
    if (!(halfLifeSec > 0)) throw new RangeError("half-life must be positive");
  }

  /** The last span's decay, kept: ticks mostly come at one spacing, and the power is most of a push's cost. */
  private lastDt = NaN;
  private lastW = NaN;

  /** A log return `r` over `dtSec` seconds ending now (a non-positive span is taken as a millisecond). */
  push(r: number, dtSec: number): void {
    const dt = Math.max(1e-3, dtSec);
    if (dt !== this.lastDt) {
      this.lastDt = dt;
      this.lastW = Math.pow(2, -dt / this.halfLifeSec);
    }
    const w = this.lastW;
    this.sumSq = w * this.sumSq + r * r;
    this.sumDt = w * this.sumDt + dt;
  }

  /** Variance per second, once any time has been seen. */
  variancePerSec(): number | undefined {
    return this.sumDt > 0 ? this.sumSq / this.sumDt : undefined;
  }

  /** Seconds of returns it holds, decayed: how much evidence the estimate rests on (about half-life / ln 2 at most). */
  weightSec(): number {
    return this.sumDt;
  }

  save(): EwmaVarianceState {
    return { sumSq: this.sumSq, sumDt: this.sumDt };
  }

  restore(s: EwmaVarianceState): void {
    this.sumSq = s.sumSq;
    this.sumDt = s.sumDt;
  }
}

export interface EwmaVarianceState {
  sumSq: number;
  sumDt: number;
}

/** The per-step decay λ of a half-life (both in the same unit): 2^(−step / halfLife). */
export function lambdaForHalfLife(halfLife: number, step = 1): number {
  return Math.pow(2, -step / halfLife);
}

/** The half-life of a per-step decay λ, in steps × `step`: RiskMetrics' daily 0.94 is 11.2 days. */
export function halfLifeForLambda(lambda: number, step = 1): number {
  if (!(lambda > 0 && lambda < 1)) throw new RangeError("lambda must lie in (0, 1)");
  return (step * Math.LN2) / -Math.log(lambda);
}

/** Per-feature centre and scale learned from a training set. */
export interface Scaler {
  mean: number[];
  sd: number[];
  /** Standardised values are clipped to ±clip (winsorised): one jump must not dominate a fit or a belief. */
  clip: number;
}

/**
 * Standardisation: each feature's (weighted) mean and standard deviation over the training rows.
 * A feature that does not vary gets sd 1, so it standardises to 0 (it carries nothing to learn).
 */
export function fitScaler(X: readonly (readonly number[])[], clip = 5, weights?: readonly number[]): Scaler {
  const p = X.length > 0 ? X[0]!.length : 0;
  const mean = new Array<number>(p).fill(0);
  const sd = new Array<number>(p).fill(1);
  let W = 0;
  for (let i = 0; i < X.length; i++) {
    const v = weights?.[i] ?? 1;
    W += v;
    for (let a = 0; a < p; a++) mean[a]! += v * X[i]![a]!;
  }
  if (W <= 0) return { mean, sd, clip };
  for (let a = 0; a < p; a++) mean[a]! /= W;
  for (let a = 0; a < p; a++) {
    let ss = 0;
    for (let i = 0; i < X.length; i++) ss += (weights?.[i] ?? 1) * (X[i]![a]! - mean[a]!) ** 2;
    const s = Math.sqrt(ss / W);
    sd[a] = s > 1e-12 * (1 + Math.abs(mean[a]!)) ? s : 1;
  }
  return { mean, sd, clip };
}

/** Standardise `x` into `out` (may be `x` itself) and return it. */
export function scaleInto(s: Scaler, x: ArrayLike<number>, out: number[] | Float64Array): number[] | Float64Array {
  for (let a = 0; a < s.mean.length; a++) out[a] = Math.max(-s.clip, Math.min(s.clip, (x[a]! - s.mean[a]!) / s.sd[a]!));
  return out;
}

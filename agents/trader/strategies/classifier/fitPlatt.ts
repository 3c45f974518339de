import { fitLogistic, sigmoid } from "./fitLogistic.ts";

/** A calibration map of a model's log-odds s: P(y = 1) = sigmoid(a·s + b). Identity: a = 1, b = 0. */
export interface Platt {
  a: number;
  b: number;
}

export const IDENTITY: Platt = Object.freeze({ a: 1, b: 0 });

/**
 * Platt scaling: a one-feature logistic regression of the outcomes on the model's log-odds,
 * fitted on a held-out slice later than the model's own training data (Platt 1999; Niculescu-
 * Mizil & Caruana 2005). It fixes a model that is over- or under-confident (a ≠ 1) or biased
 * (b ≠ 0), which is how a regularised, slightly stale logistic model goes wrong. Where Platt
 * smoothed the targets to keep a small slice from overfitting, this pulls a towards 1 and b
 * towards 0 with L2 priors of `slopePrior` and `interceptPrior` (in the slice's weight units, e.g.
 * windows): with little held-out data the calibration changes little; with a lot, the data decides.
 */
export function fitPlatt(scores: readonly number[], labels: readonly number[], slopePrior: number, interceptPrior = slopePrior, weights?: readonly number[]): Platt {
  if (scores.length === 0) return { ...IDENTITY };
  const f = fitLogistic(scores.map((s) => [s]), labels, { l2: slopePrior, prior: [IDENTITY.a], interceptL2: Math.max(interceptPrior, 1e-3), ...(weights ? { weights } : {}) });
  return { a: f.w[0]!, b: f.b };
}

/** The calibrated probability of a log-odds `s`. */
export function applyPlatt(c: Platt, s: number): number {
  return sigmoid(c.a * s + c.b);
}

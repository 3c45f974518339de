import { fitLogistic, logLoss, sigmoid } from "./fitLogistic.ts";
import { applyPlatt, fitPlatt, type Platt } from "./fitPlatt.ts";
import { fitScaler, scaleInto, type Scaler } from "./fitScaler.ts";
import type { TrainingSet } from "./trainingWindows.ts";
import type { WindowSamples } from "./WindowSamples.ts";

/** A fitted classifier: standardise, the logistic model's log-odds, then its calibration. */
export interface Model {
  scaler: Scaler;
  w: number[];
  b: number;
  platt: Platt;
}

/** The penalties tried at each fit, as multiples of the smallest (`l2`). */
export const L2_GRID = [1, 10, 100, 1000] as const;

export interface ModelOptions {
  /** The smallest L2 penalty on the standardised weights tried, in windows (each window's samples weigh 1 in all). */
  l2: number;
  /** How strongly the calibration is pulled to the identity, in windows. */
  calibPrior: number;
}

/** What a fit used and how its calibration slice scored (Brier before and after calibration). */
export interface FitReport {
  /** The penalty chosen. */
  l2: number;
  fitWindows: number;
  fitSamples: number;
  calibWindows: number;
  calibSamples: number;
  rawBrier: number;
  calibratedBrier: number;
}

/** Rows, labels and weights of some windows: each window's samples share a weight of 1 (they share one outcome). */
function rows(windows: readonly WindowSamples[]) {
  const X: number[][] = [];
  const y: number[] = [];
  const v: number[] = [];
  for (const w of windows) {
    for (const x of w.xs) {
      X.push(x);
      y.push(w.label!);
      v.push(1 / w.xs.length);
    }
  }
  return { X, y, v };
}

/**
 * Fit the model on the training set: standardise on the fit windows; an L2 logistic regression
 * on them (Newton, fitLogistic) for each penalty of the grid l2 × L2_GRID; keep the one with the
 * least log loss on the later, held-out calibration windows (windows with no signal are shrunk
 * towards their base rate, a strong signal is not); then Platt scaling of that model's log-odds
 * on the same calibration windows (fitPlatt), its intercept held to the base rate the (more
 * numerous) fit windows gave. Deterministic: the same windows give the same bits.
 */
export function fitModel(set: TrainingSet, o: ModelOptions): { model: Model; report: FitReport } {
  const f = rows(set.fit);
  const scaler = fitScaler(f.X, 5, f.v);
  const Z = f.X.map((x) => Array.from(scaleInto(scaler, x, new Array<number>(x.length))));
  const c = rows(set.calib);
  const scratch = new Float64Array(scaler.mean.length);
  let best: { l2: number; model: Model; scores: number[]; loss: number } | undefined;
  let start: { w: number[]; b: number } | undefined;
  for (const k of L2_GRID) {
    const l2 = o.l2 * k;
    const lr = fitLogistic(Z, f.y, { l2, weights: f.v, ...(start ? { start } : {}) });
    start = lr; // the next penalty starts from this fit: fewer Newton steps, the same minimum
    const model: Model = { scaler, w: lr.w, b: lr.b, platt: { a: 1, b: 0 } };
    const scores = c.X.map((x) => logOdds(model, x, scratch));
    const loss = scores.reduce((a, s, i) => a + c.v[i]! * logLoss(s, c.y[i]!), 0);
    // A tie goes to the larger penalty (the simpler model).
    if (!best || loss <= best.loss) best = { l2, model, scores, loss };
  }
  const { model: base, scores } = best!;
  // The slice may rescale the model's log-odds freely (within calibPrior), but moves its base rate only as far as its
  // own evidence weighs against the fit windows' (a quarter per window: the information a near-even coin gives).
  const platt = fitPlatt(scores, c.y, o.calibPrior, Math.max(o.calibPrior, set.fit.length / 4), c.v);
  const model: Model = { ...base, platt };
  const brierOf = (ps: number[]) => {
    const W = c.v.reduce((s, v) => s + v, 0);
    return W > 0 ? ps.reduce((s, p, i) => s + c.v[i]! * (p - c.y[i]!) ** 2, 0) / W : NaN;
  };
  return {
    model,
    report: {
      l2: best!.l2,
      fitWindows: set.fit.length,
      fitSamples: f.X.length,
      calibWindows: set.calib.length,
      calibSamples: c.X.length,
      rawBrier: brierOf(scores.map(sigmoid)),
      calibratedBrier: brierOf(scores.map((s) => applyPlatt(platt, s))),
    },
  };
}

/** The model's log-odds of Up for features `x` (before calibration); `scratch` holds the standardised features. */
export function logOdds(m: Model, x: ArrayLike<number>, scratch: Float64Array): number {
  scaleInto(m.scaler, x, scratch);
  let s = m.b;
  for (let a = 0; a < m.w.length; a++) s += m.w[a]! * scratch[a]!;
  return s;
}

/** The calibrated probability of Up. */
export function probability(m: Model, x: ArrayLike<number>, scratch: Float64Array): number {
  return applyPlatt(m.platt, logOdds(m, x, scratch));
}

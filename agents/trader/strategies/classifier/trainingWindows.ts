import type { WindowSamples } from "./WindowSamples.ts";

export interface TrainingRules {
  /** A window is used only once it ended at least this long before the training time. */
  embargoSec: number;
  /** The most recent usable windows trained on, at most. */
  trainWindows: number;
  /** The share of them (the newest) held out to calibrate on. */
  calibFraction: number;
}

/** The windows a fit at one time may use: the model's (older) and the calibration's (newer). */
export interface TrainingSet {
  fit: WindowSamples[];
  calib: WindowSamples[];
}

/**
 * May a fit at `at` learn from window `w`? Only when it has resolved (its label is known) AND it
 * ended at least `embargoSec` before `at`. That purges every sample whose label period (from the
 * sample to the window's end) reaches into the period the model will be used in (from `at` on),
 * and leaves an embargo between the two, so serial dependence across neighbouring windows (the
 * volatility regime, overlapping series) cannot leak the outcome in.
 */
export function usableAt(w: WindowSamples, at: number, embargoSec: number): boolean {
  return w.label !== undefined && w.xs.length > 0 && w.endTs + embargoSec * 1000 <= at;
}

/**
 * Walk-forward selection at time `at`: the newest `trainWindows` usable windows, ordered by end;
 * the newest `calibFraction` of them (at least one) are the calibration slice; the older ones fit
 * the model, purged with the same embargo against the calibration slice (a fit window must end
 * `embargoSec` before the first calibration window starts), so the calibration is out of sample.
 */
export function trainingWindows(windows: readonly WindowSamples[], at: number, r: TrainingRules): TrainingSet {
  const usable = windows
    .filter((w) => usableAt(w, at, r.embargoSec))
    .sort((a, b) => a.endTs - b.endTs || a.startTs - b.startTs || (a.marketId < b.marketId ? -1 : a.marketId > b.marketId ? 1 : 0))
    .slice(-r.trainWindows);
  if (usable.length === 0) return { fit: [], calib: [] };
  const nCalib = Math.min(usable.length, Math.max(1, Math.round(r.calibFraction * usable.length)));
  const calib = usable.slice(usable.length - nCalib);
  const calibStart = Math.min(...calib.map((w) => w.startTs));
  const fit = usable.slice(0, usable.length - nCalib).filter((w) => w.endTs + r.embargoSec * 1000 <= calibStart);
  return { fit, calib };
}

/** A one-sided CUSUM's design, in units of the standardised input: reference value and decision interval. */
export interface CusumParams {
  /** Slack per observation: half the shift to detect (0.5 for a 1σ shift). */
  k: number;
  /** Alarm when the sum exceeds this (4 or 5 by the textbook: research-2026-12 §2). */
  h: number;
}

/** Where a CUSUM stands: its sum, how many observations it has taken, and whether it has alarmed. */
export interface CusumState {
  s: number;
  runLength: number;
  alarm: boolean;
}

/** A fresh CUSUM; a head start (FIR) above 0 answers faster to a shift already present. */
export function cusumStart(headStart = 0): CusumState {
  return { s: headStart, runLength: 0, alarm: false };
}

/**
 * Page's (1954) upper CUSUM, one observation: S ← max(0, S + x − k), alarm once S > h. It detects
 * a rise of the mean of x; to detect a fall, feed −x. The alarm latches: later observations leave
 * the state as it was, so `runLength` is the run length to the alarm.
 */
export function cusumStep(state: CusumState, x: number, p: CusumParams): CusumState {
  if (state.alarm) return state;
  if (!Number.isFinite(x)) throw new RangeError(`not a finite observation: ${x}`);
  const s = Math.max(0, state.s + x - p.k);
  return { s, runLength: state.runLength + 1, alarm: s > p.h };
}

/** A CUSUM run over a whole series from a fresh start. */
export function cusum(xs: readonly number[], p: CusumParams, headStart = 0): CusumState {
  let state = cusumStart(headStart);
  for (const x of xs) state = cusumStep(state, x, p);
  return state;
}

/**
 * Where the aggregation of tick returns onto a fixed grid stands: the grid step, the step still
 * open (its index, ⌊ts / step⌋, so every series shares the epoch's grid) and the return summed in
 * it so far. Plain data: saved and restored as it is.
 */
export interface StepState {
  stepMs: number;
  /** Index of the open step; undefined before the first tick. */
  open: number | undefined;
  /** Log return summed in the open step. */
  acc: number;
}

/** The most empty steps one gap is spread over (an hour at 1 s): a longer outage is spread over this many. */
export const MAX_GAP_STEPS = 3600;

export function stepState(stepMs: number): StepState {
  if (!(stepMs > 0)) throw new RangeError("step must be positive");
  return { stepMs, open: undefined, acc: 0 };
}

/**
 * Add the log return `r` of a tick at `ts` (from the previous tick) to the grid; `emit` receives
 * each step return that this tick closes, oldest first. A tick in the open step adds to it; a
 * tick in the next step closes it. A tick m > 1 steps on (a gap: no tick in between) closes the
 * open step, then spreads its return over the m steps it spans, r/√m each with its sign, so the
 * squares still sum to r² (variance is preserved; a gap does not read as a calm spell followed by
 * a shock). O(1) per tick except across gaps. The first call (`open` undefined) only opens a step.
 */
export function pushStep(s: StepState, ts: number, r: number, emit: (x: number) => void): void {
  const idx = Math.floor(ts / s.stepMs);
  if (s.open === undefined) {
    s.open = idx;
    s.acc = 0;
    return;
  }
  if (idx <= s.open) {
    s.acc += r;
    return;
  }
  emit(s.acc);
  const m = Math.min(idx - s.open, MAX_GAP_STEPS + 1);
  const part = m > 1 ? r / Math.sqrt(m) : r;
  for (let k = 1; k < m; k++) emit(part);
  s.open = idx;
  s.acc = part;
}

/** The step returns of a price series (ts ms, log price), through the last closed step: for a fit. */
export function stepReturns(ts: ArrayLike<number>, logPrice: ArrayLike<number>, stepMs: number, isJump?: (i: number) => boolean): { returns: number[]; state: StepState } {
  const s = stepState(stepMs);
  const out: number[] = [];
  const emit = (x: number) => out.push(x);
  for (let i = 0; i < ts.length; i++) {
    const r = i === 0 || isJump?.(i) ? 0 : logPrice[i]! - logPrice[i - 1]!;
    pushStep(s, ts[i]!, r, emit);
  }
  // The first step is cut by the start of the series: it holds only part of a step's moves.
  if (out.length > 0) out.shift();
  return { returns: out, state: s };
}

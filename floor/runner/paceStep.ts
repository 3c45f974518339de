/** Where pacing counts from: this wall time (ms) corresponds to this floor time (ms). */
export interface PaceAnchor {
  wall: number;
  floor: number;
}

export interface PaceDecision {
  /** The anchor to use from now on (the same one unless the floor stalled). */
  anchor: PaceAnchor;
  /** Wall ms to sleep before the next step (0: go on at once). */
  waitMs: number;
  /** Wall ms the floor was behind when it re-anchored, 0 when it did not. */
  stalledMs: number;
}

/**
 * One pacing decision: floor time `next` is due at `anchor.wall + (next - anchor.floor) / speed`.
 * A floor that fell behind by more than `maxLagMs` of wall time (a frozen bus, a suspended
 * laptop) re-anchors at `now` instead of racing through the floor time it missed, unless
 * `catchUp` (paper and live trading, whose floor clock is the wall clock).
 */
export function paceStep(anchor: PaceAnchor, next: number, now: number, speed: number, maxLagMs: number, catchUp: boolean): PaceDecision {
  const wait = anchor.wall + (next - anchor.floor) / speed - now;
  if (wait >= 0) return { anchor, waitMs: wait, stalledMs: 0 };
  if (catchUp || -wait <= maxLagMs) return { anchor, waitMs: 0, stalledMs: 0 };
  return { anchor: { wall: now, floor: next }, waitMs: 0, stalledMs: -wait };
}

/** Lag that counts as a stall: two steps of wall time, and at least 50 ms so scheduling jitter at high speeds does not. */
export function maxLagMs(speed: number, stepMs: number): number {
  return Math.max((2 * stepMs) / speed, 50);
}

/** Jumps counted in a return history: how many, their sum and sum of squares (log returns), and the seconds watched. */
export interface JumpTally {
  count: number;
  sum: number;
  sumSq: number;
  seconds: number;
}

/** A jump law for `mertonUpProbability`: rate per second, mean and standard deviation of a jump's log size. */
export interface JumpLaw {
  ratePerSec: number;
  mean: number;
  sd: number;
}

export interface JumpBounds {
  /** Most jumps per second the estimate may claim. */
  maxRatePerSec: number;
  /** Largest jump standard deviation (log). */
  maxSd: number;
  /** Pseudo-jumps of mean zero the mean is shrunk with (a handful of jumps says little about a direction). */
  priorCount: number;
}

export const DEFAULT_JUMP_BOUNDS: JumpBounds = { maxRatePerSec: 0.01, maxSd: 0.1, priorCount: 10 };

export function emptyTally(): JumpTally {
  return { count: 0, sum: 0, sumSq: 0, seconds: 0 };
}

/**
 * Is a return of `r` over `dtSec` a jump, beyond `k` standard deviations of a diffusion with
 * variance `varPerSec` per second? (A threshold rule in the spirit of Mancini 2009 and
 * Lee–Mykland 2008: with k = 5 a Gaussian return crosses it about once in 1.7 million.)
 */
export function isJump(r: number, varPerSec: number, dtSec: number, k: number): boolean {
  return r * r > k * k * varPerSec * Math.max(1e-3, dtSec);
}

/** Count a return: a jump of size `r` when `jump`, and its `dtSec` seconds of watching either way. */
export function tally(t: JumpTally, r: number, dtSec: number, jump: boolean): void {
  t.seconds += Math.max(0, dtSec);
  if (!jump) return;
  t.count++;
  t.sum += r;
  t.sumSq += r * r;
}

/**
 * The jump law a tally estimates, within bounds: rate = count / seconds (at most
 * `maxRatePerSec`); mean = Σ r / (count + priorCount), shrunk towards zero; standard deviation
 * from the second moment about that mean (at most `maxSd`). No jumps seen: rate 0 (no jump term).
 */
export function jumpLaw(t: JumpTally, b: JumpBounds = DEFAULT_JUMP_BOUNDS): JumpLaw {
  if (t.count === 0 || !(t.seconds > 0)) return { ratePerSec: 0, mean: 0, sd: 0 };
  const mean = t.sum / (t.count + b.priorCount);
  const sd = Math.sqrt(Math.max(0, t.sumSq / t.count - mean * mean));
  return { ratePerSec: Math.min(b.maxRatePerSec, t.count / t.seconds), mean, sd: Math.min(b.maxSd, sd) };
}

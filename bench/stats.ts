/** Small timing helpers shared by the ceiling benchmarks. */

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Seconds since `t0` (a `process.hrtime.bigint()` reading). */
export function secondsSince(t0: bigint): number {
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

/** Round to `digits` significant digits, so the JSON stays readable. */
export function sig(x: number, digits = 4): number {
  return Number.isFinite(x) && x !== 0 ? Number(x.toPrecision(digits)) : x;
}

export function progress(msg: string): void {
  process.stderr.write(`[bench] ${msg}\n`);
}

export interface CeilingResult {
  /** Operations per timed run (chosen by calibration so one run takes about `targetSec`). */
  iterations: number;
  /** Operations per second of each timed run, in order. */
  runs: number[];
  median: number;
  /** Wall seconds of each timed run. */
  runSeconds: number[];
}

export interface CeilingOptions {
  /** Iterations of the first warm-up run. */
  startN: number;
  /** Wall time one timed run should take. */
  targetSec?: number;
  /** Upper bound on iterations (memory guard). */
  maxN?: number;
  runs?: number;
}

/**
 * Warm up and calibrate, then time `runs` runs. `once(n)` performs n operations and returns the
 * wall seconds they took. Warm-up runs grow n ×4 until one takes ≥ 0.25 s (which also gets the
 * code JIT-compiled); n for the timed runs is then the warm-up rate × `targetSec`.
 */
export async function measureCeiling(once: (n: number) => Promise<number>, o: CeilingOptions): Promise<CeilingResult> {
  const targetSec = o.targetSec ?? 1.5;
  const maxN = o.maxN ?? 5_000_000;
  let n = o.startN;
  let sec = await once(n);
  while (sec < 0.25 && n < maxN) {
    n = Math.min(maxN, n * 4);
    sec = await once(n);
  }
  const iterations = Math.max(1, Math.min(maxN, Math.round((n / sec) * targetSec)));
  const runSeconds: number[] = [];
  for (let i = 0; i < (o.runs ?? 3); i++) runSeconds.push(await once(iterations));
  const runs = runSeconds.map((s) => sig(iterations / s));
  return { iterations, runs, median: sig(median(runs)), runSeconds: runSeconds.map((s) => sig(s, 3)) };
}

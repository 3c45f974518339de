import { normCdf } from "../pricing/index.ts";
import type { CusumParams } from "./cusum.ts";

/**
 * The average run length of an upper CUSUM from a zero start, on independent N(shift, 1)
 * observations, by Brook & Evans's (1972) Markov chain: [0, h] cut into `states` cells of width
 * w = 2h/(2·states − 1), cell i standing for S = i·w (cell 0 for S = 0), the chain absorbed once
 * S > h. ARL = ((I − R)⁻¹·1)₀. Used to choose h for a false-alarm rate (ARL at shift 0) and to
 * know the delay at the shift one wants to catch.
 */
export function cusumArl(p: CusumParams, shift: number, states = 400): number {
  if (!(p.h > 0) || !Number.isInteger(states) || states < 2) throw new RangeError(`needs h > 0 and at least 2 states: h ${p.h}, ${states}`);
  const w = (2 * p.h) / (2 * states - 1);
  // Row i of I − R, then the right-hand side 1: an augmented matrix for elimination.
  const a = Array.from({ length: states }, (_, i) => {
    const row = new Float64Array(states + 1);
    const at = (edge: number) => normCdf(edge - i * w + p.k - shift); // P(S' ≤ edge | S = i·w)
    for (let j = 0; j < states; j++) row[j] = (j === i ? 1 : 0) - (at((j + 0.5) * w) - (j === 0 ? 0 : at((j - 0.5) * w)));
    row[states] = 1;
    return row;
  });
  return solve(a)[0]!;
}

/** Gaussian elimination on an augmented M-matrix (I − R of a substochastic R): no pivoting needed. */
function solve(a: Float64Array[]): Float64Array {
  const n = a.length;
  for (let c = 0; c < n; c++) {
    const pivot = a[c]!;
    for (let r = c + 1; r < n; r++) {
      const row = a[r]!;
      const f = row[c]! / pivot[c]!;
      if (f !== 0) for (let j = c; j <= n; j++) row[j]! -= f * pivot[j]!;
    }
  }
  const x = new Float64Array(n);
  for (let r = n - 1; r >= 0; r--) {
    const row = a[r]!;
    let s = row[n]!;
    for (let j = r + 1; j < n; j++) s -= row[j]! * x[j]!;
    x[r] = s / row[r]!;
  }
  return x;
}

export interface NelderMeadOptions {
  /** Most iterations (each costs one to n + 2 evaluations). */
  maxIter?: number;
  /** Stop when the simplex's values lie within this of each other… */
  fTol?: number;
  /** …and its vertices within this of the best, in every coordinate. */
  xTol?: number;
  /** The initial simplex's step along each axis (a scalar for all). */
  step?: number | readonly number[];
}

export interface NelderMeadResult {
  x: number[];
  f: number;
  iterations: number;
  evaluations: number;
  converged: boolean;
}

/**
 * Minimise `f` over R^n by the Nelder–Mead simplex (Lagarias et al. 1998: reflection 1,
 * expansion 2, contraction ½, shrink ½). No derivatives; meant for a handful of parameters
 * mapped onto R^n by the caller (bounds are the caller's transform: exp, logistic). A
 * non-finite value counts as +∞, so the simplex backs away from where `f` is undefined.
 */
export function nelderMead(f: (x: readonly number[]) => number, x0: readonly number[], opts: NelderMeadOptions = {}): NelderMeadResult {
  const n = x0.length;
  const maxIter = opts.maxIter ?? 200 * n;
  const fTol = opts.fTol ?? 1e-10;
  const xTol = opts.xTol ?? 1e-8;
  let evaluations = 0;
  const fx = (x: readonly number[]): number => {
    evaluations++;
    const v = f(x);
    return Number.isFinite(v) ? v : Infinity;
  };
  const stepOf = (i: number) => (typeof opts.step === "number" ? opts.step : (opts.step?.[i] ?? (x0[i] !== 0 ? 0.05 * Math.abs(x0[i]!) : 0.00025)));
  const pts: number[][] = [x0.slice()];
  for (let i = 0; i < n; i++) {
    const p = x0.slice();
    p[i] = p[i]! + stepOf(i);
    pts.push(p);
  }
  const vals = pts.map(fx);
  const order = pts.map((_, i) => i);
  const combine = (c: readonly number[], w: readonly number[], t: number) => c.map((ci, j) => ci + t * (w[j]! - ci));

  let iterations = 0;
  let converged = false;
  for (; iterations < maxIter; iterations++) {
    order.sort((a, b) => vals[a]! - vals[b]!);
    const best = order[0]!;
    const worst = order[n]!;
    const second = order[n - 1]!;
    let spread = 0;
    for (const i of order) for (let j = 0; j < n; j++) spread = Math.max(spread, Math.abs(pts[i]![j]! - pts[best]![j]!));
    if (vals[worst]! - vals[best]! <= fTol && spread <= xTol) {
      converged = true;
      break;
    }
    const centroid = new Array<number>(n).fill(0);
    for (const i of order) if (i !== worst) for (let j = 0; j < n; j++) centroid[j]! += pts[i]![j]! / n;
    const reflected = combine(centroid, pts[worst]!, -1);
    const fr = fx(reflected);
    if (fr < vals[best]!) {
      const expanded = combine(centroid, pts[worst]!, -2);
      const fe = fx(expanded);
      [pts[worst], vals[worst]] = fe < fr ? [expanded, fe] : [reflected, fr];
      continue;
    }
    if (fr < vals[second]!) {
      [pts[worst], vals[worst]] = [reflected, fr];
      continue;
    }
    // Contract: outside when the reflection beat the worst, inside otherwise.
    const outside = fr < vals[worst]!;
    const contracted = combine(centroid, pts[worst]!, outside ? -0.5 : 0.5);
    const fc = fx(contracted);
    if (fc < (outside ? fr : vals[worst]!)) {
      [pts[worst], vals[worst]] = [contracted, fc];
      continue;
    }
    for (const i of order) {
      if (i === best) continue;
      pts[i] = combine(pts[best]!, pts[i]!, 0.5);
      vals[i] = fx(pts[i]!);
    }
  }
  let b = 0;
  for (let i = 1; i <= n; i++) if (vals[i]! < vals[b]!) b = i;
  return { x: pts[b]!.slice(), f: vals[b]!, iterations, evaluations, converged };
}

/** The logistic function 1/(1+e^−s), without overflow for large |s|. */
export function sigmoid(s: number): number {
  if (s >= 0) return 1 / (1 + Math.exp(-s));
  const e = Math.exp(s);
  return e / (1 + e);
}

/** A fitted logistic model: P(y = 1 | x) = sigmoid(w·x + b). */
export interface LogisticFit {
  w: number[];
  b: number;
  /** Newton steps taken, and whether the last one moved every parameter by less than the tolerance. */
  iterations: number;
  converged: boolean;
}

export interface LogisticOptions {
  /** L2 penalty on the weights, (l2/2)·‖w − prior‖², in units of the (weighted) log loss summed over rows. */
  l2: number;
  /** Where the penalty pulls the weights (default 0). */
  prior?: readonly number[];
  /** L2 penalty on the intercept, (interceptL2/2)·b² (default 1e-3: keeps it finite when every label agrees). */
  interceptL2?: number;
  /** A weight per row (default 1): the loss is Σ weightᵢ·lossᵢ. */
  weights?: readonly number[];
  /** Where Newton starts (default: the prior, intercept 0), e.g. the fit of a neighbouring penalty. */
  start?: { w: readonly number[]; b: number };
  maxIterations?: number;
  tolerance?: number;
}

/** −log sigmoid(s) for y = 1 and −log(1 − sigmoid(s)) for y = 0, for a soft target y in [0, 1], stably. */
export function logLoss(s: number, y: number): number {
  // log(1 + e^s) − y·s, with log(1 + e^s) = max(s, 0) + log(1 + e^−|s|).
  return Math.max(s, 0) + Math.log1p(Math.exp(-Math.abs(s))) - y * s;
}

/**
 * L2-regularised logistic regression by Newton's method (iteratively reweighted least squares):
 * minimises J(w, b) = Σᵢ vᵢ·ℓ(w·xᵢ + b, yᵢ) + (l2/2)·‖w − prior‖² + (interceptL2/2)·b², where ℓ is
 * the log loss and yᵢ in [0, 1] (soft targets allowed). Each step solves H·δ = −∇J by Cholesky
 * (H = XᵀVX + the penalties, with V = vᵢ·pᵢ(1 − pᵢ)) and halves the step until J does not rise,
 * so it is monotone even on separable data. J is strictly convex when l2 > 0: the minimum is
 * unique, and the same inputs give the same bits (no randomness, a fixed order of sums).
 * With l2 = 0 on separable data the weights grow until the iteration cap (the MLE does not exist).
 */
export function fitLogistic(X: readonly (readonly number[])[], y: readonly number[], o: LogisticOptions): LogisticFit {
  const n = X.length;
  const p = n > 0 ? X[0]!.length : (o.prior?.length ?? 0);
  if (y.length !== n) throw new RangeError(`fitLogistic: ${n} rows but ${y.length} labels`);
  const v = o.weights ?? new Array<number>(n).fill(1);
  const prior = o.prior ?? new Array<number>(p).fill(0);
  const l2 = o.l2;
  const l2b = o.interceptL2 ?? 1e-3;
  const maxIt = o.maxIterations ?? 100;
  const tol = o.tolerance ?? 1e-10;
  const k = p + 1; // parameters: w then b
  let theta = o.start ? [...o.start.w, o.start.b] : [...prior, 0];

  const objective = (t: readonly number[]): number => {
    let j = 0;
    for (let i = 0; i < n; i++) j += v[i]! * logLoss(score(X[i]!, t, p), y[i]!);
    for (let a = 0; a < p; a++) j += (l2 / 2) * (t[a]! - prior[a]!) ** 2;
    return j + (l2b / 2) * t[p]! ** 2;
  };

  let J = objective(theta);
  let it = 0;
  let converged = false;
  const H = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const g = new Array<number>(k).fill(0);
  while (it < maxIt) {
    it++;
    for (let a = 0; a < k; a++) {
      g[a] = 0;
      H[a]!.fill(0);
    }
    for (let i = 0; i < n; i++) {
      const xi = X[i]!;
      const pi = sigmoid(score(xi, theta, p));
      const r = v[i]! * (pi - y[i]!);
      const c = v[i]! * pi * (1 - pi);
      for (let a = 0; a < k; a++) {
        const xa = a < p ? xi[a]! : 1;
        g[a]! += r * xa;
        const ca = c * xa;
        for (let bIdx = 0; bIdx <= a; bIdx++) H[a]![bIdx]! += ca * (bIdx < p ? xi[bIdx]! : 1);
      }
    }
    for (let a = 0; a < p; a++) {
      g[a]! += l2 * (theta[a]! - prior[a]!);
      H[a]![a]! += l2;
    }
    g[p]! += l2b * theta[p]!;
    H[p]![p]! += l2b;
    const step = choleskySolve(H, g); // H·step = g; the Newton step is −step
    // Near the minimum J is flat to rounding: a step that raises it by no more than that is taken.
    const noWorse = (j: number) => j <= J + 1e-13 * Math.abs(J);
    let t = 1;
    let next = theta.map((th, a) => th - step[a]!);
    let Jn = objective(next);
    while (!noWorse(Jn) && t > 1e-9) {
      t /= 2;
      next = theta.map((th, a) => th - t * step[a]!);
      Jn = objective(next);
    }
    if (!noWorse(Jn)) {
      converged = true; // no step lowers J: at the minimum to rounding
      break;
    }
    const moved = Math.max(...next.map((th, a) => Math.abs(th - theta[a]!)));
    theta = next;
    J = Jn;
    if (moved < tol) {
      converged = true;
      break;
    }
  }
  return { w: theta.slice(0, p), b: theta[p]!, iterations: it, converged };
}

function score(x: readonly number[], t: readonly number[], p: number): number {
  let s = t[p]!;
  for (let a = 0; a < p; a++) s += t[a]! * x[a]!;
  return s;
}

/**
 * Solve A·x = g for a symmetric positive-definite A given by its lower triangle (A[i][j], j ≤ i),
 * by Cholesky. A pivot that is not positive (a direction with no curvature: a constant feature
 * with no penalty) is treated as infinite, so that direction takes no step rather than NaN.
 */
export function choleskySolve(A: readonly (readonly number[])[], g: readonly number[]): number[] {
  const k = g.length;
  const L = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i]![j]!;
      for (let m = 0; m < j; m++) s -= L[i]![m]! * L[j]![m]!;
      if (i === j) L[i]![i] = s > 1e-14 ? Math.sqrt(s) : Infinity;
      else L[i]![j] = s / L[j]![j]!;
    }
  }
  const z = new Array<number>(k).fill(0);
  for (let i = 0; i < k; i++) {
    let s = g[i]!;
    for (let m = 0; m < i; m++) s -= L[i]![m]! * z[m]!;
    z[i] = s / L[i]![i]!;
  }
  const x = new Array<number>(k).fill(0);
  for (let i = k - 1; i >= 0; i--) {
    let s = z[i]!;
    for (let m = i + 1; m < k; m++) s -= L[m]![i]! * x[m]!;
    x[i] = s / L[i]![i]!;
  }
  return x;
}

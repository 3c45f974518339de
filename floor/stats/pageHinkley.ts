/** river's `drift.PageHinkley` parameters (the scikit-multiflow and MOA defaults are the same). */
export interface PageHinkleyParams {
  /** No drift is reported before this many observations (river's counter starts at 1: see below). */
  minInstances: number;
  /** Magnitude of change tolerated per observation, in the input's units. */
  delta: number;
  /** λ: drift when the sum reaches it, in the input's units (rescale for small inputs). */
  threshold: number;
  /** Forgetting factor of the sum. */
  alpha: number;
}

export const PAGE_HINKLEY_DEFAULTS: PageHinkleyParams = { minInstances: 30, delta: 0.005, threshold: 50, alpha: 1 - 0.0001 };

/** Where the test stands: observations since the last reset, their mean, the sum, and whether drift was flagged. */
export interface PageHinkleyState {
  n: number;
  mean: number;
  sum: number;
  drift: boolean;
}

export function pageHinkleyStart(): PageHinkleyState {
  return { n: 0, mean: 0, sum: 0, drift: false };
}

/**
 * One observation of the Page–Hinkley test as river implements it (online-ml/river,
 * river/drift/page_hinkley.py): mean += (x − mean)/n; sum = max(0, α·sum + x − mean − δ); drift
 * when sum ≥ λ once river's sample counter (observations + 1) reaches min_instances. It detects an
 * increase: feed it losses, or the negated edge, to catch a fall. After a drift the next
 * observation starts afresh, as in river.
 */
export function pageHinkleyStep(state: PageHinkleyState, x: number, p: PageHinkleyParams): PageHinkleyState {
  if (!Number.isFinite(x)) throw new RangeError(`not a finite observation: ${x}`);
  const from = state.drift ? pageHinkleyStart() : state;
  const n = from.n + 1;
  const mean = from.mean + (x - from.mean) / n;
  const sum = Math.max(0, p.alpha * from.sum + (x - mean - p.delta));
  return { n, mean, sum, drift: n + 1 >= p.minInstances && sum >= p.threshold };
}

import { quantile } from "../../../floor/stats/quantile.ts";

/** How many recent samples a latency window keeps: quantiles over the last this many, in bounded memory. */
export const LATENCY_WINDOW = 512;

/** The last samples of one latency, in a ring: `next` is where the next one goes once it is full. */
export interface LatencyWindow {
  samples: number[];
  next: number;
}

/** Quantiles per window until its next sample: the monitor publishes far more often than most windows change, and a sort of 512 each time was 7% of a sim. */
const figured = new WeakMap<LatencyWindow, { n: number; p50: number | null; p99: number | null }>();

/**
 * Each asked-for window's samples in ascending order (the first `n` of `a`), kept in step by each
 * push (a binary search and a shift) rather than sorted again at each ask: a floor's window changes
 * between most of its publishes. Only while it holds neither NaN nor −0, whose places a plain
 * comparison does not give as the sort does; they send the window back to sorting.
 */
const sortedOf = new WeakMap<LatencyWindow, { a: Float64Array; n: number }>();

const plain = (x: number) => x === x && !Object.is(x, -0);

/** The first index whose value is above `x` (`above`) or not below it. */
function search(a: Float64Array, n: number, x: number, above: boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (above ? a[mid]! <= x : a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** `old` out of the sorted samples (when not undefined), `ms` in; false when they cannot stay in step. */
function keepSorted(s: { a: Float64Array; n: number }, ms: number, old: number | undefined): boolean {
  if (!plain(ms)) return false;
  if (old !== undefined) {
    const i = search(s.a, s.n, old, false);
    if (i >= s.n || s.a[i] !== old) return false;
    s.a.copyWithin(i, i + 1, s.n);
    s.n--;
  }
  if (s.n >= s.a.length) return false;
  const j = search(s.a, s.n, ms, true);
  s.a.copyWithin(j + 1, j, s.n);
  s.a[j] = ms;
  s.n++;
  return true;
}

export const newLatencyWindow = (): LatencyWindow => ({ samples: [], next: 0 });

/** Add one sample (O(1), and a shift of the sorted copy once asked for): the oldest goes once `cap` are kept. */
export function pushLatency(w: LatencyWindow, ms: number, cap = LATENCY_WINDOW): void {
  figured.delete(w);
  const full = w.samples.length >= cap;
  const s = sortedOf.get(w);
  if (s && !keepSorted(s, ms, full ? w.samples[w.next] : undefined)) sortedOf.delete(w);
  if (!full) {
    w.samples.push(ms);
    return;
  }
  w.samples[w.next] = ms;
  w.next = (w.next + 1) % cap;
}

function sortedSamples(w: LatencyWindow): Float64Array {
  const s = sortedOf.get(w);
  if (s) return s.a.subarray(0, s.n);
  const sorted = Float64Array.from(w.samples).sort();
  if (sorted.every(plain)) {
    const a = new Float64Array(Math.max(LATENCY_WINDOW, sorted.length));
    a.set(sorted);
    sortedOf.set(w, { a, n: sorted.length });
  }
  return sorted;
}

/** The median and the 99th percentile of the window (type 7, floor/stats quantile); null before any sample. */
export function latencyQuantiles(w: LatencyWindow): { n: number; p50: number | null; p99: number | null } {
  if (w.samples.length === 0) return { n: 0, p50: null, p99: null };
  let q = figured.get(w);
  if (q === undefined) {
    const sorted = sortedSamples(w);
    q = { n: sorted.length, p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99) };
    figured.set(w, q);
  }
  return { ...q };
}

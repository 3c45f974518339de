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

export const newLatencyWindow = (): LatencyWindow => ({ samples: [], next: 0 });

/** Add one sample (O(1)): the oldest goes once `cap` are kept. */
export function pushLatency(w: LatencyWindow, ms: number, cap = LATENCY_WINDOW): void {
  figured.delete(w);
  if (w.samples.length < cap) {
    w.samples.push(ms);
    return;
  }
  w.samples[w.next] = ms;
  w.next = (w.next + 1) % cap;
}

/** The median and the 99th percentile of the window (type 7, floor/stats quantile); null before any sample. */
export function latencyQuantiles(w: LatencyWindow): { n: number; p50: number | null; p99: number | null } {
  if (w.samples.length === 0) return { n: 0, p50: null, p99: null };
  let q = figured.get(w);
  if (q === undefined) {
    const sorted = Float64Array.from(w.samples).sort();
    q = { n: sorted.length, p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99) };
    figured.set(w, q);
  }
  return { ...q };
}

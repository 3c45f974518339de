import { describe, expect, it } from "vitest";
import { quantile } from "../../../floor/stats/quantile.ts";
import { latencyQuantiles, newLatencyWindow, pushLatency } from "./latencyWindow.ts";

describe("latency window", () => {
  it("gives the median and p99 of what it holds, interpolated (type 7)", () => {
    const w = newLatencyWindow();
    expect(latencyQuantiles(w)).toEqual({ n: 0, p50: null, p99: null });
    for (const x of [40, 10, 30, 20]) pushLatency(w, x);
    // Sorted 10 20 30 40: p50 at h = 1.5 → 25; p99 at h = 2.97 → 30 + 0.97·10 = 39.7.
    const q = latencyQuantiles(w);
    expect(q.n).toBe(4);
    expect(q.p50).toBe(25);
    expect(q.p99).toBeCloseTo(39.7, 12);
  });

  it("keeps the last `cap` samples only, the oldest replaced first", () => {
    const w = newLatencyWindow();
    for (const x of [1, 2, 3, 100, 200]) pushLatency(w, x, 3);
    // 1, 2, 3 then 100 replaces 1 and 200 replaces 2: {100, 200, 3}.
    expect(w.samples).toEqual([100, 200, 3]);
    expect(latencyQuantiles(w)).toMatchObject({ n: 3, p50: 100 });
    pushLatency(w, 0, 3);
    expect(w.samples).toEqual([100, 200, 0]);
  });

  it("gives exactly what a fresh sort of the window gives, asked between any pushes (duplicates, zeros, −0, NaN)", () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    for (const [cap, odd] of [[3, 0.015], [50, 0.015], [512, 0.0005], [512, 0]] as const) {
      const w = newLatencyWindow();
      for (let i = 0; i < 3000; i++) {
        const r = rnd();
        pushLatency(w, r < odd / 2 ? -0 : r < odd ? NaN : r < 0.2 ? 0 : Math.floor(rnd() * 40) * 25, cap);
        if (rnd() < 0.3) {
          const sorted = Float64Array.from(w.samples).sort();
          const q = latencyQuantiles(w);
          expect(q.n).toBe(sorted.length);
          expect(Object.is(q.p50, quantile(sorted, 0.5)) && Object.is(q.p99, quantile(sorted, 0.99)), `push ${i}, cap ${cap}`).toBe(true);
        }
      }
    }
  });
});

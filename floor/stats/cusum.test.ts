import { describe, expect, it } from "vitest";
import { createRng } from "../random/createRng.ts";
import { cusum, cusumStart, cusumStep, type CusumParams, type CusumState } from "./cusum.ts";

/** The mean run length to an alarm over `runs` seeded N(shift, 1) streams. */
function simulatedArl(p: CusumParams, shift: number, runs: number, seed: number): number {
  const rng = createRng(seed);
  let total = 0;
  for (let r = 0; r < runs; r++) {
    let state = cusumStart();
    while (!state.alarm) state = cusumStep(state, shift + rng.normal(), p);
    total += state.runLength;
  }
  return total / runs;
}

describe("cusum", () => {
  it("accumulates x − k above zero and alarms once the sum exceeds h, by hand", () => {
    const p = { k: 0.5, h: 2 };
    const states: CusumState[] = [];
    let state = cusumStart();
    for (const x of [1.5, -3, 2, 1.5, 0.2]) states.push((state = cusumStep(state, x, p)));
    expect(states.map((s) => s.s)).toEqual([1, 0, 1.5, 2.5, 2.5]);
    expect(states.map((s) => s.alarm)).toEqual([false, false, false, true, true]);
    expect(states.at(-1)!.runLength).toBe(4); // latched at the alarm: the fifth observation is not counted
  });

  it("does not alarm at exactly h, and a head start shortens the way", () => {
    expect(cusum([2.5], { k: 0.5, h: 2 }).alarm).toBe(false);
    expect(cusum([0.6], { k: 0.5, h: 2 }, 1.95)).toEqual({ s: 2.05, runLength: 1, alarm: true });
  });

  it("refuses a non-finite observation", () => {
    expect(() => cusumStep(cusumStart(), Number.NaN, { k: 0.5, h: 4 })).toThrow(RangeError);
  });

  // Seeded Monte Carlo against research-2026-12 §2's table (k = 0.5, h = 4: 335 in control, 8.4 at 1σ).
  it("runs about as long as the ARL table says, in control and at a 1σ shift", () => {
    expect(Math.abs(simulatedArl({ k: 0.5, h: 4 }, 0, 2000, 11) - 335)).toBeLessThan(25); // SE ≈ 335/√2000 ≈ 7.5
    expect(Math.abs(simulatedArl({ k: 0.5, h: 4 }, 1, 4000, 12) - 8.4)).toBeLessThan(0.3); // SE ≈ 0.08
  });
});

import { describe, expect, it } from "vitest";
import { MAX_GAP_STEPS, pushStep, stepReturns, stepState } from "./stepReturns.ts";

describe("step returns on a fixed grid", () => {
  it("sums the ticks inside a step and closes it on the first tick of a later one", () => {
    const s = stepState(1000);
    const out: number[] = [];
    const emit = (x: number) => out.push(x);
    pushStep(s, 10_000, 0, emit); // opens step 10
    pushStep(s, 10_300, 0.001, emit);
    pushStep(s, 10_900, 0.002, emit);
    expect(out).toEqual([]);
    pushStep(s, 11_100, -0.004, emit); // closes step 10 (0.003), opens 11 with −0.004
    expect(out[0]).toBeCloseTo(0.003, 15);
    expect(s).toMatchObject({ open: 11 });
    expect(s.acc).toBeCloseTo(-0.004, 15);
  });
  it("spreads a return across a gap so the squares still sum to its square", () => {
    const s = stepState(1000);
    const out: number[] = [];
    pushStep(s, 0, 0, (x) => out.push(x));
    pushStep(s, 4_000, 0.02, (x) => out.push(x)); // 4 steps on: step 0 closes empty, steps 1–3 and the open step 4 share 0.02
    expect(out).toHaveLength(4);
    expect(out[0]).toBe(0);
    for (const x of out.slice(1)) expect(x).toBeCloseTo(0.01, 15);
    expect(s.acc).toBeCloseTo(0.01, 15);
    const long = stepState(1000);
    let n = 0;
    pushStep(long, 0, 0, () => n++);
    pushStep(long, 1e9, 0.1, () => n++);
    expect(n).toBe(MAX_GAP_STEPS + 1); // a day's outage costs at most an hour of steps
  });
  it("aggregates a price series and drops its first, partial step; marked jumps add nothing", () => {
    const ts = [500, 1000, 1500, 2000, 2500, 3000, 3200];
    const lp = [0, 0.001, 0.003, 0.002, 0.012, 0.013, 0.014];
    const { returns, state } = stepReturns(ts, lp, 1000);
    // step 0 (partial: dropped), step 1 = 0.001 + 0.002 = 0.003, step 2 = −0.001 + 0.01 = 0.009; step 3 is open (0.002)
    expect(returns).toHaveLength(2);
    expect(returns[0]).toBeCloseTo(0.003, 15);
    expect(returns[1]).toBeCloseTo(0.009, 15);
    expect(state.open).toBe(3);
    const noJump = stepReturns(ts, lp, 1000, (i) => i === 4);
    expect(noJump.returns[1]).toBeCloseTo(-0.001, 15);
  });
});

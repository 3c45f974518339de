import { describe, expect, it } from "vitest";
import { edgeDecay } from "./edgeDecay.ts";

const cfg = { decayBatch: 5, decayBaselineTrades: 20, decayK: 0.5, decayH: 5 };
const alternating = (n: number) => Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 1 : -1));

describe("edgeDecay", () => {
  it("works out by hand: a baseline of ±1 (mean 0, sd √(20/19)), then batches of losses", () => {
    // Each all-loss batch of 5 is z = 1/(√(20/19)·√(1/5 + 1/20)) = 1.949 below the baseline (the baseline's
    // own error counted): S grows 1.449 a batch, past 5 at the fourth.
    const z = 1 / (Math.sqrt(20 / 19) * Math.sqrt(1 / 5 + 1 / 20));
    const d = edgeDecay([...alternating(20), ...Array(25).fill(-1)], cfg);
    expect(d.baselineMean).toBe(0);
    expect(d.baselineSd).toBeCloseTo(Math.sqrt(20 / 19), 12);
    expect(d.alarm).toBe(true);
    expect(d.batches).toBe(4);
    expect(d.statistic).toBeCloseTo(4 * (z - 0.5), 12);
  });

  it("stays quiet while the edge holds, and on a rise", () => {
    expect(edgeDecay(alternating(400), cfg)).toMatchObject({ statistic: 0, batches: 76, alarm: false });
    expect(edgeDecay([...alternating(20), ...Array(50).fill(1)], cfg).alarm).toBe(false);
  });

  it("does not test a record shorter than baseline plus one batch, nor a baseline without spread", () => {
    expect(edgeDecay([...alternating(20), -1, -1, -1, -1], cfg)).toMatchObject({ statistic: 0, batches: 0, alarm: false });
    expect(edgeDecay([...Array(20).fill(1), ...Array(50).fill(-1)], cfg)).toMatchObject({ statistic: 0, batches: 0, alarm: false });
  });
});

import { describe, expect, it } from "vitest";
import { createRng } from "../../../floor/random/createRng.ts";
import { SpotAnomaly } from "./SpotAnomaly.ts";

function walk(n: number, sigmaPerSec: number, seed = 1): number[] {
  const rng = createRng(seed);
  const out = [95_000];
  for (let i = 1; i < n; i++) out.push(out[i - 1]! * Math.exp(sigmaPerSec * rng.normal()));
  return out;
}

describe("SpotAnomaly", () => {
  it("lets an ordinary 1 s walk through, fat days included", () => {
    const a = new SpotAnomaly();
    const flagged = walk(20_000, 2e-4).filter((p, i) => a.check(p, i * 1000) !== undefined);
    expect(flagged).toEqual([]);
  });
  it("flags a bad print, keeps it out of the estimate, and carries on", () => {
    const a = new SpotAnomaly();
    const prices = walk(200, 1e-4);
    prices.forEach((p, i) => expect(a.check(p, i * 1000)).toBeUndefined());
    expect(a.check(prices[199]! * 1.03, 200_000)).toMatch(/spot moved 2\.96% in 1 s \(\d+ sigma\)/);
    expect(a.check(prices[199]! * 1.0002, 201_000)).toBeUndefined();
  });
  it("flags a real jump once, then takes the new level", () => {
    const a = new SpotAnomaly();
    const prices = walk(200, 1e-4);
    prices.forEach((p, i) => a.check(p, i * 1000));
    const level = prices[199]! * 1.03;
    const after = [level, level * 1.0001, level * 0.9999, level * 1.0002].map((p, i) => a.check(p, (200 + i) * 1000));
    expect(after[0]).toMatch(/spot moved/);
    expect(after.slice(1)).toEqual([undefined, undefined, undefined]);
  });
  it("ignores a small move in a quiet market (below the absolute floor)", () => {
    const a = new SpotAnomaly();
    for (let i = 0; i < 100; i++) a.check(95_000, i * 1000);
    expect(a.check(95_000 * 1.003, 100_000)).toBeUndefined();
  });
  it("flags nonsense during warm-up too", () => {
    const a = new SpotAnomaly();
    a.check(95_000, 0);
    expect(a.check(9_500, 1000)).toMatch(/spot moved/);
    expect(a.check(-1, 2000)).toMatch(/non-positive/);
  });
});

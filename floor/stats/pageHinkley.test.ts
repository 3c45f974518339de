import { describe, expect, it } from "vitest";
import { createRng } from "../random/createRng.ts";
import { PAGE_HINKLEY_DEFAULTS, pageHinkleyStart, pageHinkleyStep, type PageHinkleyParams, type PageHinkleyState } from "./pageHinkley.ts";

function run(xs: readonly number[], p: PageHinkleyParams): PageHinkleyState[] {
  const out: PageHinkleyState[] = [];
  let state = pageHinkleyStart();
  for (const x of xs) out.push((state = pageHinkleyStep(state, x, p)));
  return out;
}

describe("pageHinkley", () => {
  it("works out by hand: 0, 0, 2 with λ 1, δ 0, α 1 drifts (mean 2/3, sum 4/3); 0, 0, 1.4 does not (sum 0.933)", () => {
    const p = { minInstances: 1, delta: 0, threshold: 1, alpha: 1 };
    const up = run([0, 0, 2], p).at(-1)!;
    expect(up.mean).toBeCloseTo(2 / 3, 12);
    expect(up.sum).toBeCloseTo(4 / 3, 12);
    expect(up.drift).toBe(true);
    const short = run([0, 0, 1.4], p).at(-1)!;
    expect(short.sum).toBeCloseTo(1.4 - 1.4 / 3, 12);
    expect(short.drift).toBe(false);
  });

  it("waits for river's min_instances (its counter starts at 1, so the 29th observation is the first tested)", () => {
    const p = { ...PAGE_HINKLEY_DEFAULTS, threshold: 1 };
    const states = run([...Array(5).fill(0), ...Array(40).fill(10)], p);
    expect(states.findIndex((s) => s.drift)).toBe(28);
  });

  it("with river's defaults, stays quiet on 2,000 fair coin flips and flags a jump to 4..7 within a dozen steps", () => {
    // river's docstring example draws 0/1 then 4..7 (and flags index 1006); this is the same
    // stream shape from polyfloor's own seeded generator.
    const rng = createRng(12345);
    const before = Array.from({ length: 2000 }, () => rng.int(0, 1));
    const after = Array.from({ length: 100 }, () => rng.int(4, 7));
    const states = run([...before, ...after], PAGE_HINKLEY_DEFAULTS);
    const first = states.findIndex((s) => s.drift);
    expect(first).toBeGreaterThanOrEqual(2000);
    expect(first).toBeLessThan(2012);
  });

  it("starts afresh after a drift, and refuses a non-finite observation", () => {
    const p = { minInstances: 1, delta: 0, threshold: 1, alpha: 1 };
    const [, , drifted] = run([0, 0, 2], p);
    expect(pageHinkleyStep(drifted!, 5, p)).toEqual({ n: 1, mean: 5, sum: 0, drift: false });
    expect(() => pageHinkleyStep(pageHinkleyStart(), Number.NaN, p)).toThrow(RangeError);
  });
});

import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ordered } from "../../protocols/index.ts";
import { createRng } from "../random/createRng.ts";
import { numericBounds } from "./numericBounds.ts";
import { perturbParams } from "./perturbParams.ts";

/** A strategy-like schema: an int, exclusive float bounds, a refinement, an unbounded int, a string. */
const Params = z
  .object({
    lookbackSec: z.number().int().min(10).max(3600).default(120),
    kelly: z.number().gt(0).lte(1).default(0.25),
    minPrice: z.number().gt(0).lt(1).default(0.1),
    maxPrice: z.number().gt(0).lt(1).default(0.9),
    seed: z.number().int().default(7),
    mode: z.enum(["a", "b"]).default("a"),
  })
  .strict()
  .superRefine(ordered(["minPrice", "maxPrice"]));
type Params = z.infer<typeof Params>;
const parent: Params = Params.parse({});

describe("numericBounds", () => {
  it("reads both-way bounds through defaults, moves exclusive ones inside, and skips the rest", () => {
    expect(numericBounds(Params)).toEqual([
      { key: "lookbackSec", int: true, lo: 10, hi: 3600 },
      { key: "kelly", int: false, lo: 1e-6, hi: 1 },
      { key: "minPrice", int: false, lo: 1e-6, hi: 1 - 1e-6 },
      { key: "maxPrice", int: false, lo: 1e-6, hi: 1 - 1e-6 },
    ]);
  });
});

describe("perturbParams", () => {
  it("scales every bounded field by at most ±scale of its value, keeps ints whole and the rest as it was", () => {
    const rng = createRng(1);
    for (let i = 0; i < 100; i++) {
      const c = perturbParams(Params, parent, rng, 0.1);
      expect(c.fellBack).toBe(false);
      expect(Params.parse(c.params)).toEqual(c.params);
      expect(Number.isInteger(c.params.lookbackSec)).toBe(true);
      expect(Math.abs(c.params.lookbackSec - 120)).toBeLessThanOrEqual(12);
      expect(Math.abs(c.params.kelly - 0.25)).toBeLessThanOrEqual(0.025 + 1e-6);
      expect(c.params.minPrice).toBeLessThanOrEqual(c.params.maxPrice);
      expect([c.params.seed, c.params.mode]).toEqual([7, "a"]);
      expect(c.changed.length).toBeGreaterThan(0);
    }
  });

  it("clamps to the bounds, and redraws what the refinement refuses: a parent at the edges stays inside", () => {
    // minPrice = maxPrice: about half the draws put minPrice above maxPrice, which `ordered` refuses.
    const edge = Params.parse({ lookbackSec: 3600, kelly: 1, minPrice: 0.5, maxPrice: 0.5 });
    const rng = createRng(2);
    const draws = new Set<string>();
    for (let i = 0; i < 100; i++) {
      const c = perturbParams(Params, edge, rng, 1);
      expect(c.params.lookbackSec).toBeLessThanOrEqual(3600);
      expect(c.params.kelly).toBeLessThanOrEqual(1);
      expect(c.params.kelly).toBeGreaterThan(0);
      expect(c.params.minPrice).toBeLessThanOrEqual(c.params.maxPrice);
      draws.add(/\(draw (\d+)\)$/.exec(c.note)![1]!);
    }
    expect(draws.has("1") && draws.has("2")).toBe(true);
  });

  it("leaves a zero where it is (a proportional change of nothing)", () => {
    const Z = z.object({ a: z.number().min(0).max(100), b: z.number().min(0).max(100) });
    const c = perturbParams(Z, { a: 0, b: 50 }, createRng(4), 0.1);
    expect(c.params.a).toBe(0);
    expect(c.changed).toEqual(["b"]);
  });

  it("is reproducible for a seed", () => {
    expect(perturbParams(Params, parent, createRng(9), 0.2)).toEqual(perturbParams(Params, parent, createRng(9), 0.2));
  });

  it("falls back to the parent's parameters and says so", () => {
    const Never = Params.refine(() => false);
    const c = perturbParams(Never, parent, createRng(3), 0.1);
    expect(c).toEqual({ params: parent, changed: [], fellBack: true, note: "kept the parent's parameters: no draw in 20 passed the schema and changed a field" });
    const Nothing = z.object({ mode: z.string() });
    expect(perturbParams(Nothing, { mode: "x" }, createRng(3), 0.1).note).toBe("kept the parent's parameters: it has no numeric field bounded both ways");
  });

  it("refuses a scale outside (0, 1]", () => {
    expect(() => perturbParams(Params, parent, createRng(1), 0)).toThrow(RangeError);
    expect(() => perturbParams(Params, parent, createRng(1), 1.5)).toThrow(RangeError);
  });
});

import { describe, expect, it } from "vitest";
import { kellyFraction } from "./kellyFraction.ts";
import { normCdf } from "./normCdf.ts";
import { upProbability } from "./upProbability.ts";

describe("normCdf / upProbability", () => {
  it("matches known values of Φ", () => {
    expect(normCdf(0)).toBeCloseTo(0.5, 7);
    expect(normCdf(1.959964)).toBeCloseTo(0.975, 6);
    expect(normCdf(-1)).toBeCloseTo(0.158655, 6);
  });
  it("is 0.5 at the strike, rises with spot, and is decided at the close (a tie is Up)", () => {
    expect(upProbability(100, 100, 1e-4, 600)).toBeCloseTo(0.5, 7);
    expect(upProbability(100.2, 100, 1e-4, 600)).toBeGreaterThan(0.5);
    expect(upProbability(100, 100, 1e-4, 0)).toBe(1);
    expect(upProbability(99.99, 100, 1e-4, 0)).toBe(0);
  });
});

describe("kellyFraction", () => {
  it("is (p − c)/(1 − c) times the fraction, and 0 without edge", () => {
    expect(kellyFraction(0.6, 0.5, 1)).toBeCloseTo(0.2, 12);
    expect(kellyFraction(0.6, 0.5)).toBeCloseTo(0.05, 12);
    expect(kellyFraction(0.4, 0.5)).toBe(0);
    expect(() => kellyFraction(0.5, 1)).toThrow();
  });
});

import { describe, expect, it } from "vitest";
import { createRng } from "../../floor/random/createRng.ts";
import { sharpeMoments } from "../../floor/stats/index.ts";
import { oracleLikeReturns } from "./oracleLikeReturns.ts";

describe("oracleLikeReturns", () => {
  it("has the oracle's shape: SR about 0.3 a trade, mildly skewed, lighter-tailed than a normal", () => {
    const m = sharpeMoments(oracleLikeReturns(createRng("oracle-like"), 100_000));
    expect(m.sr).toBeGreaterThan(0.29);
    expect(m.sr).toBeLessThan(0.35);
    expect(m.skew).toBeGreaterThan(0);
    expect(m.skew).toBeLessThan(0.6);
    expect(m.kurt).toBeLessThan(3);
  });

  it("loses its edge from fallAt on: the mean return after it is 0 within its error", () => {
    const r = oracleLikeReturns(createRng("oracle-like-fall"), 100_000, { fallAt: 1000 });
    expect(sharpeMoments(r.slice(0, 1000)).mean).toBeGreaterThan(0.25);
    const after = sharpeMoments(r.slice(1000));
    expect(Math.abs(after.mean)).toBeLessThan((3 * after.sd) / Math.sqrt(after.n));
  });

  it("is deterministic for a seed, and weaker at a lower accuracy", () => {
    expect(oracleLikeReturns(createRng(1), 50)).toEqual(oracleLikeReturns(createRng(1), 50));
    expect(sharpeMoments(oracleLikeReturns(createRng(2), 50_000, { accuracy: 0.6 })).sr).toBeLessThan(0.2);
  });
});

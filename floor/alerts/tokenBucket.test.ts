import { describe, expect, it } from "vitest";
import { fullBucket, msUntilToken, refill, take } from "./tokenBucket.ts";

const rate = { perMinute: 6, burst: 3 }; // a token every 10 s

describe("tokenBucket", () => {
  it("starts full, gives `burst` tokens at once, then none", () => {
    let b = fullBucket(rate, 1_000);
    for (let i = 0; i < 3; i++) b = take(b)!;
    expect(b).toEqual({ tokens: 0, at: 1_000 });
    expect(take(b)).toBeUndefined();
    expect(msUntilToken(b, rate)).toBe(10_000);
  });
  it("refills at perMinute: 2.5 s of a 10 s token is a quarter, 7.5 s more is a whole one", () => {
    const empty = { tokens: 0, at: 0 };
    expect(refill(empty, rate, 2_500)).toEqual({ tokens: 0.25, at: 2_500 });
    expect(msUntilToken(refill(empty, rate, 2_500), rate)).toBe(7_500);
    expect(refill(empty, rate, 10_000).tokens).toBe(1);
  });
  it("never holds more than burst, and a clock going back adds nothing", () => {
    expect(refill({ tokens: 2, at: 0 }, rate, 3_600_000)).toEqual({ tokens: 3, at: 3_600_000 });
    expect(refill({ tokens: 1, at: 5_000 }, rate, 4_000)).toEqual({ tokens: 1, at: 5_000 });
  });
});

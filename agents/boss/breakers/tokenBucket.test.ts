import { describe, expect, it } from "vitest";
import { refill, take } from "./tokenBucket.ts";

// The venue's Standard tier (research-2026-12.md §4.1): orders refill at 40/s with a burst of 60.
const standard = { perSec: 40, burst: 60 };

describe("token bucket", () => {
  it("spends a full burst of 60 at once, then refills one token every 25 ms", () => {
    let b = { tokens: 60, ts: 0 };
    for (let k = 0; k < 60; k++) b = take(b, 0, standard);
    expect(b.tokens).toBe(0);
    expect(take(b, 0, standard).tokens).toBe(0); // an empty bucket stays empty
    expect(refill(b, 24, standard).tokens).toBeCloseTo(0.96, 12);
    expect(refill(b, 25, standard).tokens).toBe(1);
  });
  it("never holds more than its burst, and time going back refills nothing", () => {
    expect(refill({ tokens: 10, ts: 0 }, 10_000, standard)).toEqual({ tokens: 60, ts: 10_000 });
    const b = { tokens: 3, ts: 1000 };
    expect(refill(b, 500, standard)).toBe(b);
  });
});

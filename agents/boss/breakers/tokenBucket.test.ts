import { describe, expect, it } from "vitest";
import { refill, resize, take } from "./tokenBucket.ts";

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
  it("resizes to a new tier keeping what was spent: refilled at the old rate until the change, never a fresh burst, capped at the new burst", () => {
    const silver = { perSec: 200, burst: 300 };
    // 60 spent at once, then 100 ms at 40/s: 4 tokens back; silver refills those 4 at 200/s from there, 1 token every 5 ms.
    let b = { tokens: 60, ts: 0 };
    for (let k = 0; k < 60; k++) b = take(b, 0, standard);
    const up = resize(b, 100, standard, silver);
    expect(up).toEqual({ tokens: 4, ts: 100 });
    expect(refill(up, 105, silver).tokens).toBe(5);
    expect(refill(up, 10_000, silver).tokens).toBe(300); // the new burst, given time
    // Down from a full silver bucket: cut to standard's burst of 60, then 40/s.
    const down = resize({ tokens: 300, ts: 0 }, 0, silver, standard);
    expect(down).toEqual({ tokens: 60, ts: 0 });
    expect(take(down, 0, standard).tokens).toBe(59);
    // A change stamped before the bucket's own time refills nothing and only caps.
    expect(resize({ tokens: 250, ts: 500 }, 400, silver, standard)).toEqual({ tokens: 60, ts: 500 });
  });
});

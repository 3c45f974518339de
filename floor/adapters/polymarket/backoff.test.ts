import { describe, expect, it } from "vitest";
import { backoffDelay, retryAfterMs } from "./backoff.ts";

describe("backoffDelay", () => {
  it("doubles from the minimum up to the cap", () => {
    const o = { minMs: 100, maxMs: 1000 };
    expect([0, 1, 2, 3, 4, 50].map((a) => backoffDelay(a, o))).toEqual([100, 200, 400, 800, 1000, 1000]);
  });
});

describe("retryAfterMs", () => {
  const now = Date.UTC(2026, 6, 24);
  it("reads seconds and HTTP dates, capped", () => {
    expect(retryAfterMs("2", now, 60_000)).toBe(2000);
    expect(retryAfterMs("0.05", now, 60_000)).toBe(50);
    expect(retryAfterMs(new Date(now + 3000).toUTCString(), now, 60_000)).toBe(3000);
    expect(retryAfterMs("3600", now, 60_000)).toBe(60_000);
  });
  it("is undefined when absent or unreadable", () => {
    expect(retryAfterMs(null, now, 1000)).toBeUndefined();
    expect(retryAfterMs("soon", now, 1000)).toBeUndefined();
  });
});

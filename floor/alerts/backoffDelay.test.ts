import { describe, expect, it } from "vitest";
import { backoffDelay, MAX_RETRY_AFTER_MS, retryAfterMs } from "./backoffDelay.ts";

const s = { backoffMs: 1_000, backoffMaxMs: 60_000 };

describe("backoffDelay", () => {
  it("doubles from backoffMs, half of it fixed and half jittered", () => {
    expect(backoffDelay(1, s, 0)).toBe(500); // cap 1000: 500 + 0
    expect(backoffDelay(1, s, 0.999)).toBe(1_000); // 500 + 499.5, rounded
    expect(backoffDelay(3, s, 0.5)).toBe(3_000); // cap 4000: 2000 + 1000
    expect(backoffDelay(4, s, 0.25)).toBe(5_000); // cap 8000: 4000 + 1000
  });
  it("stops doubling at backoffMaxMs", () => {
    expect(backoffDelay(7, s, 0)).toBe(30_000); // 64 000 > 60 000: cap 60 000
    expect(backoffDelay(30, s, 0.5)).toBe(45_000);
  });
});

describe("retryAfterMs", () => {
  const now = Date.parse("2026-01-01T00:00:00Z");
  it("reads delay-seconds and HTTP-dates", () => {
    expect(retryAfterMs("3", now)).toBe(3_000);
    expect(retryAfterMs("0.25", now)).toBe(250);
    expect(retryAfterMs("Thu, 01 Jan 2026 00:00:07 GMT", now)).toBe(7_000);
  });
  it("is undefined when absent or unreadable, 0 for a past date, and capped", () => {
    expect(retryAfterMs(null, now)).toBeUndefined();
    expect(retryAfterMs("", now)).toBeUndefined();
    expect(retryAfterMs("soon", now)).toBeUndefined();
    expect(retryAfterMs("-5", now)).toBeUndefined();
    expect(retryAfterMs("Wed, 31 Dec 2025 23:59:00 GMT", now)).toBe(0);
    expect(retryAfterMs("86400", now)).toBe(MAX_RETRY_AFTER_MS);
  });
});

import { describe, expect, it } from "vitest";
import { checkFill } from "./checkFill.ts";

const approved = { side: "BUY" as const, price: 520_000, size: 10_000_000 };

describe("checkFill", () => {
  it("passes a fill inside the approved order", () => {
    expect(checkFill({ side: "BUY", price: 510_000, size: 4_000_000 }, approved, 6_000_000)).toBeUndefined();
  });
  it("flags fills without approval, past the limit or over the size", () => {
    expect(checkFill({ side: "BUY", price: 510_000, size: 1 }, undefined, 0)).toMatch(/without an approved/);
    expect(checkFill({ side: "BUY", price: 530_000, size: 1 }, approved, 0)).toMatch(/beyond the limit/);
    expect(checkFill({ side: "BUY", price: 520_000, size: 5_000_000 }, approved, 6_000_000)).toMatch(/over the approved size/);
    expect(checkFill({ side: "SELL", price: 520_000, size: 1 }, approved, 0)).toMatch(/side/);
  });
});

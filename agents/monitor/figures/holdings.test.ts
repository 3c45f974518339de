import { describe, expect, it } from "vitest";
import { unrealizedOf, withFill } from "./holdings.ts";

describe("holdings", () => {
  it("adds fills and reversals as the ledger booked them, and marks at the mid", () => {
    // Buy 10 Up at 0.50 with a $0.175 fee in cash, then 4 Down at 0.45, then sell 2 Up at 0.60.
    let h = withFill(undefined, { outcome: "Up", cashDelta: -5_175_000, sharesDelta: 10_000_000 });
    h = withFill(h, { outcome: "Down", cashDelta: -1_800_000, sharesDelta: 4_000_000 });
    h = withFill(h, { outcome: "Up", cashDelta: 1_200_000, sharesDelta: -2_000_000 });
    expect(h).toEqual({ up: 8_000_000, down: 4_000_000, cost: 5_775_000 });
    // Up mid 0.55: 8 × 0.55 + 4 × 0.45 = 6.20, less 5.775 paid.
    expect(unrealizedOf(h, 0.55)).toBe(425_000);
    expect(unrealizedOf(h, undefined)).toBe(0);
    // A reversal books the fill's exact opposite: the Down buy undone.
    expect(withFill(h, { outcome: "Down", cashDelta: 1_800_000, sharesDelta: -4_000_000 })).toEqual({ up: 8_000_000, down: 0, cost: 3_975_000 });
  });
});

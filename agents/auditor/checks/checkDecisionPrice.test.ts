import { describe, expect, it } from "vitest";
import { checkDecisionPrice } from "./checkDecisionPrice.ts";

describe("checkDecisionPrice", () => {
  it("passes prices on the tick strictly inside (0, 1)", () => {
    expect(checkDecisionPrice(510_000, 10_000)).toBeUndefined();
    expect(checkDecisionPrice(1_000, 1_000)).toBeUndefined();
    expect(checkDecisionPrice(515_000, undefined)).toBeUndefined();
  });
  it("flags a price off the grid, and 0 or 1 themselves", () => {
    expect(checkDecisionPrice(515_000, 10_000)).toEqual({ rule: "price.tick", allowed: 10_000, actual: 515_000, reason: "limit price 515000 off the tick grid 10000" });
    expect(checkDecisionPrice(0, 10_000)).toMatchObject({ rule: "price.range", actual: 0 });
    expect(checkDecisionPrice(1_000_000, 10_000)).toMatchObject({ rule: "price.range", actual: 1_000_000 });
  });
});

import { describe, expect, it } from "vitest";
import { INTERN_CAP, intern, internIds, internedCount } from "./internIds.ts";

describe("internIds", () => {
  it("replaces only the id fields, keeping their values", () => {
    const id = `0x${"ab".repeat(32)}`;
    const msg: Record<string, unknown> = { marketId: `${id}`, tokenId: "1".repeat(77), price: 5, nested: { marketId: "x" } };
    internIds(msg);
    expect(msg).toEqual({ marketId: id, tokenId: "1".repeat(77), price: 5, nested: { marketId: "x" } });
  });
  it("never holds more than its cap, starting over when full", () => {
    for (let i = 0; i < INTERN_CAP + 10; i++) expect(intern(`m-${i}`)).toBe(`m-${i}`);
    expect(internedCount()).toBeLessThanOrEqual(INTERN_CAP);
    expect(internedCount()).toBeGreaterThan(0);
  });
});

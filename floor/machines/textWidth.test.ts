import { describe, expect, it } from "vitest";
import { textWidth } from "./textWidth.ts";

describe("textWidth", () => {
  it("counts characters (not UTF-16 units) at 0.6em each, rounded up", () => {
    expect(textWidth("trading", 12)).toBe(51); // 7 × 7.2 = 50.4
    expect(textWidth("PAUSE", 11)).toBe(33); // 5 × 6.6
    expect(textWidth("é→", 10)).toBe(12);
    expect(textWidth("", 12)).toBe(0);
  });
});

import { describe, expect, it } from "vitest";
import { parseDuration } from "./parseDuration.ts";

describe("parseDuration", () => {
  it("reads units and combinations", () => {
    expect(parseDuration("6h")).toBe(21_600_000);
    expect(parseDuration("1h30m")).toBe(5_400_000);
    expect(parseDuration("45s")).toBe(45_000);
    expect(parseDuration("250ms")).toBe(250);
    expect(parseDuration("1d")).toBe(86_400_000);
  });
  it("refuses what it cannot read", () => {
    for (const bad of ["", "6", "h", "6x", "1h 30m", "-5m", "0s"]) expect(() => parseDuration(bad)).toThrow(/duration/);
  });
});

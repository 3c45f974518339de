import { describe, expect, it } from "vitest";
import { clockTime, dayBefore, dayOf, parseDay } from "./utcDate.ts";

describe("UTC days of floor time", () => {
  it("names the day of a time and bounds it at UTC midnights", () => {
    const noon = Date.UTC(2026, 0, 2, 12);
    expect(dayOf(noon)).toEqual({ date: "2026-01-02", from: Date.UTC(2026, 0, 2), to: Date.UTC(2026, 0, 3) });
    // Midnight belongs to the day it starts; a millisecond before, to the day that ends.
    expect(dayOf(Date.UTC(2026, 0, 3)).date).toBe("2026-01-03");
    expect(dayOf(Date.UTC(2026, 0, 3) - 1).date).toBe("2026-01-02");
  });

  it("parses YYYY-MM-DD and refuses what is not a date", () => {
    expect(parseDay("2024-02-29")).toEqual({ date: "2024-02-29", from: Date.UTC(2024, 1, 29), to: Date.UTC(2024, 2, 1) });
    for (const bad of ["2026-02-30", "2026-1-02", "2026-13-01", "yesterday", "2026-01-02T00:00Z"]) expect(() => parseDay(bad)).toThrow(/not a date/);
  });

  it("steps back one day across a month and a year", () => {
    expect(dayBefore(parseDay("2026-01-01")).date).toBe("2025-12-31");
    expect(dayBefore(parseDay("2026-03-01")).date).toBe("2026-02-28");
  });

  it("prints a time of day", () => {
    expect(clockTime(Date.UTC(2026, 0, 2, 7, 5, 9, 999))).toBe("07:05:09");
  });
});

import { describe, expect, it } from "vitest";
import { BookThrottle } from "./BookThrottle.ts";

describe("BookThrottle", () => {
  it("lets one update per interval through and holds the rest until due", () => {
    const t = new BookThrottle(250);
    expect(t.offer("m", 1000)).toBe(true);
    expect(t.offer("m", 1100)).toBe(false);
    expect(t.offer("m", 1200)).toBe(false);
    expect(t.offer("other", 1200)).toBe(true);
    expect(t.due(1249)).toEqual([]);
    expect(t.due(1250)).toEqual(["m"]);
    expect(t.due(2000)).toEqual([]);
    expect(t.offer("m", 1400)).toBe(false);
    expect(t.offer("m", 1500)).toBe(true); // published directly: nothing left pending
    expect(t.due(5000)).toEqual([]);
  });
  it("forgets a key", () => {
    const t = new BookThrottle(250);
    t.offer("m", 0);
    t.offer("m", 10);
    t.forget("m");
    expect(t.due(1000)).toEqual([]);
    expect(t.offer("m", 20)).toBe(true);
  });
});

import { describe, expect, it } from "vitest";
import { subjectMatches } from "./subjectMatches.ts";

describe("subjectMatches", () => {
  it.each([
    ["a.b.c", "a.b.c", true],
    ["a.*.c", "a.b.c", true],
    ["a.*", "a.b.c", false],
    ["a.>", "a.b.c", true],
    ["a.>", "a", false],
    [">", "a", true],
    ["a.*.>", "a.b", false],
    ["a.*.>", "a.b.c.d", true],
    ["a.b", "a.b.c", false],
    ["a.b.c", "a.b", false],
  ])("%s ~ %s -> %s", (p, s, want) => {
    expect(subjectMatches(p, s)).toBe(want);
  });
});

import { describe, expect, it } from "vitest";
import { formatDuration } from "./formatDuration.ts";
import { parseDuration } from "./parseDuration.ts";

describe("formatDuration", () => {
  it("writes what parseDuration reads, to the second", () => {
    expect([4_800_000, 0, 86_400_000 + 61_000, 45_400].map(formatDuration)).toEqual(["1h20m", "0s", "1d1m1s", "45s"]);
    expect(parseDuration(formatDuration(93_784_000))).toBe(93_784_000);
  });
});

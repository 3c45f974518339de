import { describe, expect, it } from "vitest";
import { currentAndNext, slugStartMs, windowSlug, windowStartMs } from "./windowSlug.ts";

describe("windowSlug", () => {
  const t = Date.UTC(2026, 6, 23, 23, 57, 31); // inside the 23:55 5m window and the 23:45 15m window
  it("names the window containing a time", () => {
    expect(windowSlug("btc", 5, t)).toBe("btc-updown-5m-1784850900");
    expect(windowSlug("BTC", 15, t)).toBe("btc-updown-15m-1784850300");
    expect(1784850300 % 900).toBe(0);
  });
  it("gives the current and next window starts", () => {
    expect(windowStartMs(15, t)).toBe(1784850300_000);
    expect(currentAndNext(15, t)).toEqual([1784850300_000, 1784851200_000]);
    expect(currentAndNext(5, 1784850900_000)).toEqual([1784850900_000, 1784851200_000]);
  });
  it("reads the start back from a slug", () => {
    expect(slugStartMs("btc-updown-15m-1784850300")).toBe(1784850300_000);
    expect(slugStartMs("bitcoin-up-or-down")).toBeUndefined();
  });
});

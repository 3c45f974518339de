import { describe, expect, it } from "vitest";
import { trainingWindows, usableAt } from "./trainingWindows.ts";
import type { WindowSamples } from "./WindowSamples.ts";

const MIN = 60_000;
/** Back-to-back 15-minute windows w0, w1, …; `labelled` says which have resolved. */
function windows(n: number, labelled: (i: number) => boolean): WindowSamples[] {
  return Array.from({ length: n }, (_, i) => ({
    marketId: `w${i}`,
    startTs: i * 15 * MIN,
    endTs: (i + 1) * 15 * MIN,
    ...(labelled(i) ? { label: (i % 2) as 0 | 1 } : {}),
    xs: [[i]],
  }));
}
const ids = (ws: WindowSamples[]) => ws.map((w) => w.marketId);

describe("trainingWindows", () => {
  it("uses a window only once it resolved and ended an embargo before the fit", () => {
    const ws = windows(10, (i) => i !== 3);
    const at = 10 * 15 * MIN; // the open of w10: w9 just ended
    const set = trainingWindows(ws, at, { embargoSec: 900, trainWindows: 100, calibFraction: 0.25 });
    const used = [...set.fit, ...set.calib];
    expect(used.every((w) => w.label !== undefined && w.endTs + 900_000 <= at)).toBe(true);
    expect(ids(used)).not.toContain("w3"); // never resolved
    expect(ids(used)).not.toContain("w9"); // inside the embargo
    expect(ids(set.calib)).toEqual(["w7", "w8"]); // the newest quarter of the 8 usable (w0-w8 but w3)
    // Purged against the calibration slice too: w6 ends when w7 starts, inside the embargo.
    expect(ids(set.fit)).toEqual(["w0", "w1", "w2", "w4", "w5"]);
  });

  it("without an embargo still never uses the window in progress or one not resolved", () => {
    const ws = windows(6, (i) => i < 4);
    const at = 5 * 15 * MIN + 60_000; // a minute into w5; w4 ended but has not resolved
    expect(usableAt(ws[5]!, at, 0)).toBe(false);
    expect(usableAt(ws[4]!, at, 0)).toBe(false);
    const set = trainingWindows(ws, at, { embargoSec: 0, trainWindows: 100, calibFraction: 0.25 });
    expect(ids([...set.fit, ...set.calib])).toEqual(["w0", "w1", "w2", "w3"]);
    // A label that arrived for a window still running (an impossible resolution) is not enough.
    const early = { ...ws[5]!, label: 1 as const };
    expect(usableAt(early, at, 0)).toBe(false);
  });

  it("keeps the newest trainWindows, ordered by end, whatever order they were recorded in", () => {
    const ws = windows(20, () => true).reverse();
    const set = trainingWindows(ws, 21 * 15 * MIN, { embargoSec: 0, trainWindows: 8, calibFraction: 0.25 });
    expect(ids(set.calib)).toEqual(["w18", "w19"]);
    expect(ids(set.fit)).toEqual(["w12", "w13", "w14", "w15", "w16", "w17"]);
  });
});

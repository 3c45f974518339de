import { describe, expect, it } from "vitest";
import { maxLagMs, paceStep } from "./paceStep.ts";

const STEP = 1000;

/** Run `steps` steps at `speed` where the step at `stallAt` finds the wall clock `stallMs` later. */
function simulate(speed: number, steps: number, stallAt: number, stallMs: number, catchUp: boolean) {
  let anchor = { wall: 0, floor: 0 };
  let now = 0;
  const sleeps: number[] = [];
  for (let i = 1; i <= steps; i++) {
    if (i === stallAt) now += stallMs;
    const d = paceStep(anchor, i * STEP, now, speed, maxLagMs(speed, STEP), catchUp);
    anchor = d.anchor;
    sleeps.push(d.waitMs);
    now += d.waitMs;
  }
  return { sleeps, now };
}

describe("paceStep", () => {
  it("keeps floor time at speed x wall time", () => {
    expect(paceStep({ wall: 1000, floor: 0 }, 10_000, 1000, 10, 200, false)).toEqual({ anchor: { wall: 1000, floor: 0 }, waitMs: 1000, stalledMs: 0 });
  });

  it("re-anchors after a stall and never bursts: every later step still sleeps a full step", () => {
    const { sleeps, now } = simulate(10, 100, 20, 30_000, false);
    const after = sleeps.slice(20);
    expect(after.every((ms) => ms === 100)).toBe(true); // no step taken without its 100 ms
    // 100 steps at 10x are 10 s of wall time, plus the 30 s stall: nothing of the stall is made up.
    expect(now).toBe(30_000 + 100 * 100 - 100);
  });

  it("reports how long the floor was stalled", () => {
    const d = paceStep({ wall: 0, floor: 0 }, 5000, 60_000, 1, maxLagMs(1, STEP), false);
    expect(d).toEqual({ anchor: { wall: 60_000, floor: 5000 }, waitMs: 0, stalledMs: 55_000 });
  });

  it("lets a small lag (jitter) be made up without re-anchoring", () => {
    const d = paceStep({ wall: 0, floor: 0 }, 1000, 1150, 1, maxLagMs(1, STEP), false);
    expect(d).toEqual({ anchor: { wall: 0, floor: 0 }, waitMs: 0, stalledMs: 0 });
  });

  it("catches up instead when the floor clock is the wall clock (paper, live)", () => {
    const { sleeps } = simulate(1, 100, 20, 30_000, true);
    expect(sleeps.slice(19, 49).every((ms) => ms === 0)).toBe(true); // the 30 missed seconds, at once
    expect(sleeps[50]).toBe(1000);
  });

  it("counts two steps of wall time, at least 50 ms, as a stall", () => {
    expect(maxLagMs(1, STEP)).toBe(2000);
    expect(maxLagMs(100, STEP)).toBe(50);
  });
});

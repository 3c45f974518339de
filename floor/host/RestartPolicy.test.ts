import { describe, expect, it } from "vitest";
import { RestartPolicy } from "./RestartPolicy.ts";

describe("RestartPolicy", () => {
  it("allows one restart per 5 s and escalates the second within the window", () => {
    const p = new RestartPolicy({ intensity: 1, periodMs: 5000 });
    expect(p.allow(0)).toBe(true);
    expect(p.allow(4999)).toBe(false);
    expect(p.allow(5000)).toBe(true);
  });
  it("counts a burst up to the intensity", () => {
    const p = new RestartPolicy({ intensity: 3, periodMs: 1000 });
    expect([p.allow(0), p.allow(1), p.allow(2), p.allow(3)]).toEqual([true, true, true, false]);
  });
});

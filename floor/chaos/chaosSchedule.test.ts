import { describe, expect, it } from "vitest";
import { CHAOS_ROLES, chaosSchedule } from "./chaosSchedule.ts";

const HOUR = 3_600_000;

describe("chaosSchedule", () => {
  it("places N kills and M restarts inside the run, in floor-time order, from the seed alone", () => {
    const s = chaosSchedule({ kills: 20, natsRestarts: 3, runMs: HOUR, seed: 7 });
    expect(s.filter((d) => d.kind === "kill")).toHaveLength(20);
    expect(s.filter((d) => d.kind === "nats-restart")).toHaveLength(3);
    expect(s.map((d) => d.atMs)).toEqual([...s.map((d) => d.atMs)].sort((a, b) => a - b));
    for (const d of s) expect(d.atMs > 0 && d.atMs < HOUR).toBe(true);
    expect(chaosSchedule({ kills: 20, natsRestarts: 3, runMs: HOUR, seed: 7 })).toEqual(s);
    expect(chaosSchedule({ kills: 20, natsRestarts: 3, runMs: HOUR, seed: 8 })).not.toEqual(s);
  });

  it("puts kill i within ±40% of a spacing of (i+1)/(N+1) of the run, and draws roles from all six", () => {
    const kills = chaosSchedule({ kills: 50, natsRestarts: 0, runMs: 51 * 1000, seed: 1 });
    kills.forEach((d, i) => expect(Math.abs(d.atMs - (i + 1) * 1000)).toBeLessThanOrEqual(400));
    const roles = new Set(kills.map((d) => (d.kind === "kill" ? d.role : "")));
    expect([...roles].sort()).toEqual([...CHAOS_ROLES].sort());
  });

  it("with nothing asked, plans nothing", () => {
    expect(chaosSchedule({ kills: 0, natsRestarts: 0, runMs: HOUR, seed: 1 })).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { SupervisionConfig } from "../../protocols/index.ts";
import { backoffDelay, judgeCrash, NO_RESTARTS, RestartPolicy, type RestartLimits } from "./RestartPolicy.ts";

const DEFAULTS: RestartLimits = SupervisionConfig.parse({});
const at = (l: RestartLimits, ...crashes: number[]) => {
  const p = new RestartPolicy(l);
  return crashes.map((t) => p.crash(t));
};

describe("backoffDelay", () => {
  it("doubles from the first wait to the cap (Akka restartWithBackoff(1 s, 30 s) without jitter: anchors.md §4.2)", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 40].map((n) => backoffDelay(DEFAULTS, n))).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
    expect(backoffDelay({ ...DEFAULTS, backoffMs: 0 }, 9)).toBe(0);
  });
});

describe("judgeCrash: OTP's intensity (anchors.md §4.1: at most 1 restart in 5 s by default, then escalate)", () => {
  it("without backoff, allows one restart per 5 s and escalates the second within the window", () => {
    const v = at({ ...DEFAULTS, backoffMs: 0 }, 0, 4_999, 5_000);
    expect(v.map((x) => x.restart)).toEqual([true, false, true]);
    expect(v[1]).toEqual({ restart: false, attempt: 2, inWindow: 1 });
  });

  it("counts a burst up to the intensity", () => {
    const v = at({ ...DEFAULTS, backoffMs: 0, intensity: 3, periodMs: 1_000 }, 0, 1, 2, 3);
    expect(v.map((x) => x.restart)).toEqual([true, true, true, false]);
    expect(v[3]).toMatchObject({ inWindow: 3 });
  });

  it("with the defaults, an agent that throws on every message restarts once after 1 s, then fails on its next crash", () => {
    // Crash at 0 s: restart at 1 s. It throws on its first message (1 s): the restart would be at 3 s, 2 s after the last one.
    const [first, second] = at(DEFAULTS, 0, 1_000);
    expect(first).toEqual({ restart: true, at: 1_000, delayMs: 1_000, attempt: 1, inWindow: 1 });
    expect(second).toEqual({ restart: false, attempt: 2, inWindow: 1 });
  });

  it("judges the window at the restart's moment: a crash 3 s after the last restart waits 2 s and is allowed", () => {
    // Restart at 1 s; crash at 4 s, the second in a row: 2 s of backoff, restart at 6 s, 5 s after the first.
    const [, second] = at(DEFAULTS, 0, 4_000);
    expect(second).toEqual({ restart: true, at: 6_000, delayMs: 2_000, attempt: 2, inWindow: 1 });
  });

  it("backs off an agent that keeps crashing slower than the intensity, and starts afresh after a stable minute", () => {
    const l = { ...DEFAULTS, periodMs: 1_000 };
    const p = new RestartPolicy(l);
    const waits: number[] = [];
    let t = 0;
    for (let i = 0; i < 7; i++) {
      const v = p.crash(t);
      if (!v.restart) throw new Error("escalated");
      waits.push(v.delayMs);
      t = v.at + 1_500; // each life lasts 1.5 s
    }
    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
    const rec = p.save();
    expect(rec.attempt).toBe(7);
    expect(judgeCrash(l, rec, rec.lastRestartAt + 60_000).verdict).toMatchObject({ restart: true, delayMs: 1_000, attempt: 1 });
    expect(judgeCrash(l, rec, rec.lastRestartAt + 59_999).verdict).toMatchObject({ delayMs: 30_000, attempt: 8 });
  });

  it("saves and loads its record (a sim checkpoint), and never changes the record it was given", () => {
    const p = new RestartPolicy(DEFAULTS);
    p.crash(0);
    const q = new RestartPolicy(DEFAULTS);
    q.load(p.save());
    expect(q.crash(1_000)).toEqual({ restart: false, attempt: 2, inWindow: 1 });
    expect(judgeCrash(DEFAULTS, NO_RESTARTS, 0).record).not.toBe(NO_RESTARTS);
    expect(NO_RESTARTS).toEqual({ times: [], attempt: 0, lastRestartAt: -Infinity });
  });
});

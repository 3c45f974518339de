import { describe, expect, it } from "vitest";
import { normCdf, upProbability } from "../../../../floor/pricing/index.ts";
import { createRng } from "../../../../floor/random/createRng.ts";
import { Burst } from "./Burst.ts";
import { tiltedUpProbability } from "./tiltedUpProbability.ts";

describe("Burst", () => {
  it("sums the spike and the baseline over their trailing windows, the edges excluded", () => {
    const b = new Burst(10, 60);
    b.watch(0);
    b.add(1_000, 5, 5);
    b.add(30_000, 7, -7);
    b.add(55_000, 3, 3);
    expect(b.spike(60_000)).toEqual({ size: 3, flow: 1 }); // (50 s, 60 s]
    expect(b.ratio(60_000)).toBeCloseTo(3 / 10 / ((5 + 7 + 3) / 60), 12);
    // At 61 s the print at 1 s is 60 s old: out of the baseline.
    expect(b.ratio(61_000)).toBeCloseTo(3 / 10 / ((7 + 3) / 60), 12);
    expect(b.spike(65_000)).toEqual({ size: 0, flow: 0 }); // and the one at 55 s out of the spike
  });

  it("signs the flow: one-sided bursts give ±1, balanced ones 0", () => {
    const b = new Burst(10, 60);
    b.add(0, 100, 100);
    b.add(1000, 100, -100);
    expect(b.spike(1000).flow).toBe(0);
    b.add(2000, 200, -200);
    expect(b.spike(2000).flow).toBeCloseTo(-0.5, 12);
  });

  it("has no baseline until it has watched half the long window; then the rate uses the time watched", () => {
    const b = new Burst(10, 100);
    b.watch(0);
    b.add(5_000, 10, 10);
    expect(b.ratio(49_000)).toBeUndefined();
    // 10 in the last 10 s? no: the print at 5 s left the spike window at 15 s.
    expect(b.ratio(50_000)).toBe(0);
    b.add(50_000, 30, 30);
    // spike 30/10 s = 3/s; baseline 40 over the 50 s watched = 0.8/s.
    expect(b.ratio(50_000)).toBeCloseTo(3 / 0.8, 12);
  });

  it("matches the slow sums along a long random stream, across compaction and a save and restore", () => {
    const rng = createRng(5).fork("burst");
    const a = new Burst(30, 300);
    let t = 0;
    const events: Array<[number, number, number]> = [];
    for (let i = 0; i < 20_000; i++) {
      t += Math.floor(rng.next() * 2000);
      const size = rng.int(1, 100) * 10_000; // micro-shares: integers, exact sums
      const signed = rng.next() < 0.5 ? size : -size;
      events.push([t, size, signed]);
      a.add(t, size, signed);
      if (i % 1009 === 1008) {
        const inShort = events.filter(([ts]) => ts > t - 30_000);
        const inLong = events.filter(([ts]) => ts > t - 300_000);
        const size = inShort.reduce((s, e) => s + e[1], 0);
        expect(a.spike(t).size).toBe(size);
        expect(a.spike(t).flow).toBeCloseTo(inShort.reduce((s, e) => s + e[2], 0) / size, 12);
        expect(a.ratio(t)).toBeCloseTo(size / 30 / (inLong.reduce((s, e) => s + e[1], 0) / 300), 9);
      }
    }
    const b = new Burst(30, 300);
    b.restore(JSON.parse(JSON.stringify(a.save())));
    for (const x of [a, b]) x.add(t + 500, 42, -42);
    expect(b.spike(t + 500)).toEqual(a.spike(t + 500));
    expect(b.ratio(t + 1000)).toBe(a.ratio(t + 1000));
  });
});

describe("tiltedUpProbability", () => {
  it("at the money is Φ(tilt); with no tilt, the driftless fair value", () => {
    expect(tiltedUpProbability(100, 100, 1e-4, 600, 0.3)).toBeCloseTo(0.6179, 4);
    expect(tiltedUpProbability(100, 100, 1e-4, 600, -1)).toBeCloseTo(normCdf(-1), 9);
    expect(tiltedUpProbability(100.2, 100, 1e-4, 600, 0)).toBe(upProbability(100.2, 100, 1e-4, 600));
  });

  it("shifts d2 by the tilt whatever the time left; at the close it is the settled outcome", () => {
    const d2 = Math.log(100.1 / 100) / (1e-4 * Math.sqrt(300));
    expect(tiltedUpProbability(100.1, 100, 1e-4, 300, 0.5)).toBeCloseTo(normCdf(d2 + 0.5), 9);
    expect(tiltedUpProbability(99, 100, 1e-4, 0, 2)).toBe(0);
  });
});

import { describe, expect, it } from "vitest";
import { SpotSeries } from "./SpotSeries.ts";
import { SpotTape } from "./SpotTape.ts";

const price = (i: number) => 95_000 * Math.exp(0.0004 * Math.sin(i * 1.7) + 0.00001 * i);
const stats = (s: SpotSeries) => [s.length, s.variancePerSec(), s.meanSquaredRatePerSec(), s.driftPerSec(), s.meanLogPrice(), s.volume(), s.returnOver(30), s.last()];

describe("SpotTape shared by several series", () => {
  it("gives each series exactly what a series of its own computes, the tick stored once", () => {
    const tape = new SpotTape();
    const horizons = [20, 60, 300];
    const shared = horizons.map((h) => new SpotSeries(h));
    const alone = horizons.map((h) => new SpotSeries(h));
    for (const s of shared) s.useTape(tape);
    for (let i = 0; i < 3000; i++) {
      const ts = i * 1000 + (i % 3) * 100;
      for (let k = 0; k < shared.length; k++) {
        shared[k]!.push(ts, price(i), i % 5, `feed.1.${i}`);
        alone[k]!.push(ts, price(i), i % 5);
      }
    }
    for (let k = 0; k < shared.length; k++) expect(stats(shared[k]!)).toEqual(stats(alone[k]!));
    expect(tape.end).toBe(3000);
    // Compacted: only about what the longest window still reads is held.
    expect(tape.ts.length).toBeLessThan(300 + 2 * 1024);
  });
  it("lets a series that lags take in the ticks it missed, each at its own time", () => {
    const tape = new SpotTape();
    const [a, b] = [new SpotSeries(30), new SpotSeries(30)];
    const c = new SpotSeries(30);
    a.useTape(tape);
    b.useTape(tape);
    for (let i = 0; i < 200; i++) {
      a.push(i * 1000, price(i), 0, `f.${i}`);
      c.push(i * 1000, price(i));
      // b hears every tick two late (another subscription's order), then catches up at the end
      if (i >= 2) b.push((i - 2) * 1000, price(i - 2), 0, `f.${i - 2}`);
    }
    b.push(198_000, price(198), 0, "f.198");
    b.push(199_000, price(199), 0, "f.199");
    expect(stats(b)).toEqual(stats(c));
    expect(stats(a)).toEqual(stats(c));
  });
  it("starts over, counted, a series the tape no longer holds (a reader left thousands of ticks behind)", () => {
    const tape = new SpotTape();
    const [fast, slow] = [new SpotSeries(10), new SpotSeries(10)];
    fast.useTape(tape);
    slow.useTape(tape);
    slow.push(0, price(0), 0, "f.0");
    for (let i = 0; i < 10_000; i++) fast.push(i * 1000, price(i), 0, `f.${i}`);
    expect(tape.base).toBeGreaterThan(0);
    slow.push(10_000_000, price(10_000), 0, "f.10000");
    expect(slow.restarts).toBe(1);
    expect(slow.length).toBe(1);
  });
  it("resumes bit for bit: the tape saved once, each series' window on it", () => {
    const run = (restoreAt: number | undefined) => {
      let tape = new SpotTape();
      let series = [new SpotSeries(45), new SpotSeries(600)];
      for (const s of series) s.useTape(tape);
      for (let i = 0; i < 2500; i++) {
        if (i === restoreAt) {
          const saved = JSON.parse(JSON.stringify({ tape: tape.save(), series: series.map((s) => s.save()) }));
          tape = new SpotTape();
          tape.restore(saved.tape);
          series = [new SpotSeries(45), new SpotSeries(600)];
          series.forEach((s, k) => {
            s.useTape(tape);
            s.restore(saved.series[k]);
          });
          expect(tape.ts.length).toBeLessThanOrEqual(602); // saved from the longest window's first point
        }
        for (const s of series) s.push(i * 1000, price(i), 0, `f.${i}`);
      }
      return series.map(stats);
    };
    expect(run(1700)).toEqual(run(undefined));
  });
  it("refuses to change tape once it holds points, and to restore a shared window without its tape", () => {
    const s = new SpotSeries(10);
    s.push(0, 100);
    expect(() => s.useTape(new SpotTape())).toThrow(/before its first point/);
    const t = new SpotSeries(10);
    t.useTape(new SpotTape());
    t.push(0, 100, 0, "a");
    expect(() => new SpotSeries(10).restore(t.save())).toThrow(/useTape first/);
  });
});

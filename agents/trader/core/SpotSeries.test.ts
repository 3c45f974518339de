import { describe, expect, it } from "vitest";
import { SpotSeries } from "./SpotSeries.ts";

/** The mean log price of the points the series holds, counted the slow way. */
function slowMean(s: SpotSeries): number {
  let sum = 0;
  for (let i = 0; i < s.length; i++) sum += s.at(i).logPrice;
  return sum / s.length;
}

describe("SpotSeries.meanLogPrice", () => {
  it("is undefined before the first point, then the mean of the log prices in the window", () => {
    const s = new SpotSeries(10);
    expect(s.meanLogPrice()).toBeUndefined();
    s.push(0, 100);
    expect(s.meanLogPrice()).toBeCloseTo(Math.log(100), 12);
    s.push(1000, 110);
    s.push(2000, 121);
    // Geometric mean of 100, 110, 121 is 110.
    expect(Math.exp(s.meanLogPrice()!)).toBeCloseTo(110, 9);
  });

  it("moves with the window: points older than the horizon leave the mean", () => {
    const s = new SpotSeries(2); // two seconds
    s.push(0, 100);
    s.push(1000, 100);
    s.push(2000, 200);
    expect(s.length).toBe(3);
    s.push(3000, 200); // the point at 0 is 3 s old: out
    expect(s.length).toBe(3);
    expect(Math.exp(s.meanLogPrice()!)).toBeCloseTo(Math.exp((Math.log(100) + 2 * Math.log(200)) / 3), 9);
    s.push(60_000, 400); // everything else ages out; the lone point is the mean
    expect(s.length).toBe(1);
    expect(s.meanLogPrice()).toBeCloseTo(Math.log(400), 12);
  });

  it("agrees with the slow mean along a long random walk (running sums do not drift) and across compaction", () => {
    const s = new SpotSeries(300);
    let x = Math.log(95_000);
    let seed = 7;
    const rand = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31) - 0.5;
    for (let t = 0; t < 20_000; t++) {
      x += 0.0002 * rand();
      s.push(t * 1000, Math.exp(x));
      if (t % 997 === 0) expect(s.meanLogPrice()!).toBeCloseTo(slowMean(s), 10);
    }
    expect(s.length).toBe(301);
    expect(s.meanLogPrice()!).toBeCloseTo(slowMean(s), 10);
  });

  it("survives save and restore, and rebuilds the sum from a checkpoint written before it existed", () => {
    const s = new SpotSeries(60);
    for (let t = 0; t < 100; t++) s.push(t * 1000, 100 + Math.sin(t));
    const saved = s.save();
    const a = new SpotSeries(60);
    a.restore(saved);
    expect(a.meanLogPrice()).toBe(s.meanLogPrice());
    const old = new SpotSeries(60);
    old.restore({ pts: saved.pts, sums: [saved.sums[0], saved.sums[1], saved.sums[2]] });
    expect(old.meanLogPrice()!).toBeCloseTo(s.meanLogPrice()!, 12);
    for (const x of [a, s]) x.push(100_000, 105);
    expect(a.meanLogPrice()).toBe(s.meanLogPrice());
  });
});

import { describe, expect, it } from "vitest";
import { SpotSeries, type SpotSeriesState } from "./SpotSeries.ts";

/** The same statistics computed the slow way, over every point in the window. */
function naive(points: Array<[number, number]>, horizonSec: number) {
  const last = points[points.length - 1]![0];
  const w = points.filter(([t]) => last - t <= horizonSec * 1000);
  let ss = 0;
  let ssRate = 0;
  for (let i = 1; i < w.length; i++) {
    const r = Math.log(w[i]![1]) - Math.log(w[i - 1]![1]);
    ss += r * r;
    ssRate += (r * r) / ((w[i]![0] - w[i - 1]![0]) / 1000);
  }
  const span = (w[w.length - 1]![0] - w[0]![0]) / 1000;
  return { n: w.length, variance: ss / span, rate: ssRate / (w.length - 1), drift: (Math.log(w[w.length - 1]![1]) - Math.log(w[0]![1])) / span };
}

describe("SpotSeries", () => {
  it("keeps running sums equal to the statistics over the window, as points age out", () => {
    const s = new SpotSeries(60);
    const pts: Array<[number, number]> = [];
    let price = 95_000;
    for (let i = 0; i < 400; i++) {
      const ts = i * 1000 + (i % 3) * 100; // irregular spacing
      price *= 1 + Math.sin(i * 1.7) * 0.0004;
      pts.push([ts, price]);
      s.push(ts, price);
    }
    const n = naive(pts, 60);
    expect(s.length).toBe(n.n);
    expect(s.variancePerSec()).toBeCloseTo(n.variance, 14);
    expect(s.meanSquaredRatePerSec()).toBeCloseTo(n.rate, 12);
    expect(s.driftPerSec()).toBeCloseTo(n.drift, 14);
    expect(s.last()).toBeCloseTo(price, 6);
  });
  it("finds returns over a lag by time, and none beyond its window", () => {
    const s = new SpotSeries(120);
    for (let i = 0; i <= 100; i++) s.push(i * 1000, 100 * Math.exp(0.001 * i));
    expect(s.returnOver(10)).toBeCloseTo(0.01, 12);
    expect(s.before(10)?.ts).toBe(90_000);
    expect(s.before(10.5)?.ts).toBe(89_000);
    expect(s.returnOver(200)).toBeUndefined();
  });
  it("sums recorded volume over its window", () => {
    const s = new SpotSeries(10);
    for (let i = 0; i < 20; i++) s.push(i * 1000, 100, 2);
    expect(s.volume()).toBe(22); // 11 points within 10 s of the last
  });
  it("saves its first time, the gaps and the prices, leaving out volume when none was recorded", () => {
    const s = new SpotSeries(2);
    for (let i = 0; i < 5; i++) s.push(i * 1000, 100 + i);
    const st = s.save();
    expect(st).toMatchObject({ t0: 2000, dt: [1000, 1000], px: [102, 103, 104] });
    expect(st).not.toHaveProperty("vol");
    s.push(5000, 105, 7);
    expect((s.save() as SpotSeriesState).vol).toEqual([0, 0, 7]);
  });
  it("resumes bit for bit from what it saved", () => {
    const a = new SpotSeries(30);
    for (let i = 0; i < 100; i++) a.push(i * 700, 100 + Math.cos(i));
    const b = new SpotSeries(30);
    b.restore(JSON.parse(JSON.stringify(a.save())));
    for (let i = 100; i < 150; i++) {
      a.push(i * 700, 100 + Math.cos(i));
      b.push(i * 700, 100 + Math.cos(i));
    }
    expect(b.variancePerSec()).toBe(a.variancePerSec());
    expect(b.meanSquaredRatePerSec()).toBe(a.meanSquaredRatePerSec());
  });
});

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
    const saved = s.save() as SpotSeriesState;
    const a = new SpotSeries(60);
    a.restore(saved);
    expect(a.meanLogPrice()).toBe(s.meanLogPrice());
    const old = new SpotSeries(60);
    // The oldest form: one object per point, and three sums.
    const pts = saved.px.map((x, i) => ({ ts: i * 1000 + saved.t0, logPrice: Math.log(x), volume: 0 }));
    old.restore({ pts, sums: [saved.sums[0], saved.sums[1], saved.sums[2]] });
    expect(old.meanLogPrice()!).toBeCloseTo(s.meanLogPrice()!, 12);
    for (const x of [a, s]) x.push(100_000, 105);
    expect(a.meanLogPrice()).toBe(s.meanLogPrice());
  });
});

import { describe, expect, it } from "vitest";
import { MICRO } from "../../../../protocols/index.ts";
import { fromCheckpointJson, toCheckpointJson } from "../../../../floor/checkpoint/checkpointJson.ts";
import { normCdf } from "../../../../floor/pricing/index.ts";
import { createRng, type Rng } from "../../../../floor/random/createRng.ts";
import { brier, calibrationTable } from "../../../../floor/stats/index.ts";
import { strategyCore, type MarketView, type Strategy, type Top } from "../../core/index.ts";
import { classifier, ClassifierParams, classifierStrategy, type ClassifierView, type LastFit } from "./classifier.ts";
import { sigmoid } from "./fitLogistic.ts";

const T0 = Date.parse("2026-01-01T00:00:00Z");
const WINDOW_MS = 15 * 60_000;
const TICK_MS = 5_000;
const SIGMA = 1e-4; // log volatility per √second of the scripted spot
const ACCOUNT = { cash: 1_000 * MICRO, capital: 1_000 * MICRO, mode: "trading" as const };
const FEE = { rate: 0.07, exponent: 1, takerOnly: true, currency: "usd" } as MarketView["fee"];

const params = (over: Partial<ClassifierParams> = {}) => ClassifierParams.parse({ minTrainWindows: 8, trainWindows: 60, ...over });

/** What a window is, for the script: its id, strike, book imbalance, and (once it ends) its close. */
interface ScriptWindow {
  k: number;
  m: MarketView;
  imbalance: number;
  close?: number;
}

interface Script {
  windows: number;
  seed: string;
  /** Whether window `w` resolves Up (asked at its close); default: the close at least the strike. */
  outcome?(w: ScriptWindow, rng: Rng): boolean;
  /** When window k's resolution arrives: after this many more windows have opened (0: at its close), or never (null). */
  resolveAfter?(k: number): number | null;
  /** Called after the window's book every tick, with the spot of that tick. */
  onTick?(w: ScriptWindow, now: number, spot: number): void;
  /** Called at each window open, after the strategy heard it. */
  onOpen?(w: ScriptWindow, now: number): void;
  onResolved?(w: ScriptWindow, up: boolean, now: number): void;
}

/** Where a script stands between two windows: what continues it exactly. */
interface ScriptState {
  price: number;
  rng: Rng;
  pending: Array<{ at: number; w: ScriptWindow; up: boolean }>;
}

/**
 * A scripted market: a seeded random walk of spot ticking every 5 s, back-to-back 15-minute
 * windows struck at the open's spot, an Up book whose top has the window's imbalance, and
 * resolutions delivered when the script says. Returns the windows it ran.
 */
function runScript(s: Strategy, sc: Script, from = 0, state?: ScriptState): { ran: ScriptWindow[]; state: ScriptState } {
  const rng = state?.rng ?? createRng(sc.seed);
  let price = state?.price ?? 100;
  const pending = state?.pending ?? [];
  const tick = (ts: number) => {
    price *= Math.exp(SIGMA * Math.sqrt(TICK_MS / 1000) * rng.normal());
    s.onSpot(price, ts);
  };
  if (from === 0) for (let ts = T0 - 600_000; ts < T0; ts += TICK_MS) tick(ts);
  const ran: ScriptWindow[] = [];
  for (let k = from; k < sc.windows; k++) {
    const start = T0 + k * WINDOW_MS;
    for (const p of pending.filter((p) => p.at === k)) {
      s.onResolved(p.w.m.marketId, p.up ? "Up" : "Down");
      sc.onResolved?.(p.w, p.up, start);
    }
    const m: MarketView = { marketId: `w${k}`, upTokenId: `u${k}`, downTokenId: `d${k}`, strike: price, startTs: start, endTs: start + WINDOW_MS, fee: FEE, tickSize: 0.01, minSize: 5 * MICRO };
    const w: ScriptWindow = { k, m, imbalance: 2 * rng.next() - 1 };
    ran.push(w);
    s.onMarket(m);
    sc.onOpen?.(w, start);
    for (let ts = start; ts < m.endTs; ts += TICK_MS) {
      tick(ts);
      const depth = 1000 * MICRO;
      const top: Top = { bid: 490_000, ask: 510_000, bidSize: (depth * (1 + w.imbalance)) / 2, askSize: (depth * (1 - w.imbalance)) / 2, ts };
      s.onBook(m.marketId, top);
      sc.onTick?.(w, ts, price);
    }
    w.close = price;
    s.onMarket(null);
    const up = sc.outcome ? sc.outcome(w, rng) : price >= m.strike;
    const after = sc.resolveAfter ? sc.resolveAfter(k) : 0;
    if (after === 0) {
      s.onResolved(m.marketId, up ? "Up" : "Down");
      sc.onResolved?.(w, up, m.endTs);
    } else if (after !== null) pending.push({ at: k + 1 + after, w, up });
  }
  return { ran, state: { price, rng, pending } };
}

function make(over: Partial<ClassifierParams> = {}): { view: ClassifierView; s: Strategy; p: ClassifierParams } {
  const p = params(over);
  const view = classifierStrategy(p);
  return { view, p, s: strategyCore("classifier", view, p) };
}

/** A belief stated 30 s into each minute of windows from `fromWindow` on, with the spot then and the window it is about. */
interface BeliefRow {
  w: ScriptWindow;
  p: number;
  now: number;
  spot: number;
}

function beliefsFrom(s: Strategy, fromWindow: number, rows: BeliefRow[]) {
  return (w: ScriptWindow, now: number, spot: number) => {
    if (w.k < fromWindow || (now - w.m.startTs) % 60_000 !== 30_000) return;
    const b = s.belief(now);
    if (b) rows.push({ w, p: b.pUp, now, spot });
  };
}

function worstBucket(rows: BeliefRow[], truth: (r: BeliefRow) => number): number {
  const buckets = Array.from({ length: 5 }, () => ({ n: 0, p: 0, t: 0 }));
  for (const r of rows) {
    const b = buckets[Math.min(4, Math.floor(r.p * 5))]!;
    b.n++;
    b.p += r.p;
    b.t += truth(r);
  }
  return Math.max(...buckets.filter((b) => b.n >= 100).map((b) => Math.abs(b.p - b.t) / b.n));
}

/** Scores of beliefs against outcomes, and beside a known true probability of each. */
function judge(rows: BeliefRow[], up: (w: ScriptWindow) => boolean, truth: (r: BeliefRow) => number) {
  const forecasts = rows.map((r) => ({ p: r.p, up: up(r.w) }));
  return {
    n: rows.length,
    brier: brier(forecasts)!,
    truthBrier: brier(rows.map((r) => ({ p: truth(r), up: up(r.w) })))!,
    /**
     * Reliability against the truth: the largest gap, over buckets of beliefs (fifths of [0, 1], at least 100 beliefs),
     * between the mean belief and the mean true probability of Up. (Against outcomes, a bucket of 100 beliefs may be
     * seven windows' worth, whose frequency of Up is seven coin flips.)
     */
    worstBucket: worstBucket(rows, truth),
    /** Mean |belief − true probability|. */
    mae: rows.reduce((a, r) => a + Math.abs(r.p - truth(r)), 0) / rows.length,
  };
}

describe("classifier: walk-forward training", () => {
  it("never trains on a window that has not closed and resolved, nor on one inside the embargo", () => {
    const { view, s, p } = make({ minTrainWindows: 6, trainWindows: 20, embargoSec: 900 });
    const resolved = new Set<string>();
    const ended = new Map<string, number>();
    const checked: string[] = [];
    const usedEver = new Set<string>();
    let lastAt = -1;
    function check(f: LastFit, w: ScriptWindow) {
      for (const id of [...f.fitIds, ...f.calibIds]) {
        usedEver.add(id);
        expect(resolved.has(id), `${id} used at ${new Date(f.at).toISOString()} before it resolved`).toBe(true);
        expect(ended.get(id)! + p.embargoSec * 1000, `${id} used inside the embargo`).toBeLessThanOrEqual(f.at);
        expect(id).not.toBe(w.m.marketId);
        checked.push(id);
      }
      // The fit windows end an embargo before the calibration slice starts (purged between the two).
      const calibStart = Math.min(...f.calibIds.map((id) => ended.get(id)! - WINDOW_MS));
      for (const id of f.fitIds) expect(ended.get(id)! + p.embargoSec * 1000).toBeLessThanOrEqual(calibStart);
    }
    runScript(s, {
      windows: 60,
      seed: "purge",
      // Every 5th window never resolves, every 3rd resolves two windows late, the rest at their close.
      resolveAfter: (k) => (k % 5 === 4 ? null : k % 3 === 0 ? 2 : 0),
      onResolved: (w) => resolved.add(w.m.marketId),
      // The strategy fits when it hears of the open, just before this: what had resolved then is `resolved` now.
      onOpen(w, now) {
        ended.set(w.m.marketId, w.m.endTs);
        const f = view.lastFit();
        if (f && f.at !== lastAt) {
          lastAt = f.at;
          expect(f.at).toBe(now); // fitted for this window, from its start
          check(f, w);
        }
      },
      // A rogue resolution of w30 seven minutes in: labelled, but it has not closed (its real one comes at its close and is ignored).
      onTick(w, now) {
        if (w.k === 30 && now - w.m.startTs === 7 * 60_000) {
          s.onResolved(w.m.marketId, "Up");
          resolved.add(w.m.marketId);
        }
      },
    });
    expect(checked.length).toBeGreaterThan(500); // the test looked at many fits
    for (let k = 0; k < 55; k++) if (k % 5 === 4) expect(usedEver.has(`w${k}`), `w${k} never resolved`).toBe(false);
    expect(usedEver.has("w3")).toBe(true); // resolved late, then used
    expect(usedEver.has("w30")).toBe(true); // the rogue label stands, but only after w30 closed and the embargo passed
    expect(view.describe()).toMatchObject({ trained: true });
  });

  it("has no belief, and so neither trades nor publishes, until minTrainWindows windows are usable", () => {
    const { view, s } = make({ minTrainWindows: 10, embargoSec: 900 });
    const firstBelief: Array<{ k: number; trainedOn: number }> = [];
    let decidedBefore = 0;
    const readyAt: boolean[] = [];
    runScript(s, {
      windows: 14,
      seed: "warm",
      onTick(w, now) {
        if (now - w.m.startTs !== 120_000) return;
        const f = view.lastFit();
        readyAt.push(s.ready());
        if (s.belief(now)) firstBelief.push({ k: w.k, trainedOn: f!.fitWindows + f!.calibWindows });
        else decidedBefore += s.decide(now, ACCOUNT).length;
      },
    });
    // Window k opens with k−1 windows resolved and ended at least 15 minutes before; the one before the calibration
    // slice is purged too, so w12's open is the first with 10 to train on (11 usable).
    expect(firstBelief[0]).toEqual({ k: 12, trainedOn: 10 });
    expect(decidedBefore).toBe(0);
    expect(readyAt.indexOf(true)).toBe(12); // the trader warms up (learns) until then
    expect(view.describe()).toMatchObject({ trained: true, fits: 2 });
  });
});

describe("classifier: what it learns", () => {
  // Trained on up to 120 windows (30 hours of 15-minute windows), judged on 80 later ones, walk-forward.
  const TRAIN = { trainWindows: 120 };
  const TOTAL = 220;
  const JUDGED_FROM = 140;

  it("learns the distance to the strike on a random walk: Brier near the true N(d2)'s, calibrated, its beliefs close to N(d2)", () => {
    const { s, view } = make(TRAIN);
    const rows: BeliefRow[] = [];
    runScript(s, { windows: TOTAL, seed: "walk", onTick: beliefsFrom(s, JUDGED_FROM, rows) });
    const j = judge(rows, (w) => w.close! >= w.m.strike, (r) => normCdf(Math.log(r.spot / r.w.m.strike) / (SIGMA * Math.sqrt((r.w.m.endTs - r.now) / 1000))));

    expect(j.n).toBeGreaterThan(1000);
    expect(j.brier).toBeLessThan(0.2); // a constant 0.5 scores 0.25
    expect(j.brier - j.truthBrier).toBeLessThan(0.01);
    expect(j.worstBucket).toBeLessThan(0.08);
    expect(j.mae).toBeLessThan(0.06);
    expect(view.describe()).toMatchObject({ trained: true });
  });

  it("learns a signal in the book (a window resolves Up with probability σ(2.5 × imbalance), whatever spot does) and trades it", () => {
    const { s } = make(TRAIN);
    const rows: BeliefRow[] = [];
    const truth = (w: ScriptWindow) => sigmoid(2.5 * w.imbalance);
    const ups = new Map<number, boolean>();
    const said = beliefsFrom(s, JUDGED_FROM, rows);
    const orders: Array<{ imbalance: number; outcome?: string; price?: number; size?: number }> = [];
    runScript(s, {
      windows: TOTAL,
      seed: "imbalance",
      outcome: (w, rng) => {
        ups.set(w.k, rng.next() < truth(w));
        return ups.get(w.k)!;
      },
      onTick(w, now, spot) {
        said(w, now, spot);
        // Two minutes in, against a book at 49/51 cents: it buys the side its belief favours, when that clears fee and edge.
        if (w.k < JUDGED_FROM || now - w.m.startTs !== 120_000) return;
        const a = s.decide(now, ACCOUNT).find((x) => x.type === "order");
        if (a?.type === "order") s.placed(`i${w.k}`, a.order);
        orders.push({ imbalance: w.imbalance, ...(a?.type === "order" ? { outcome: a.order.outcome, price: a.order.price, size: a.order.size } : {}) });
      },
    });
    for (const o of orders) {
      if (o.imbalance > 0.6) expect(o).toMatchObject({ outcome: "Up", price: 510_000 });
      if (o.imbalance < -0.6) expect(o).toMatchObject({ outcome: "Down", price: 510_000 }); // 1 − the 49-cent bid
      if (o.size !== undefined) expect(o.size).toBeGreaterThan(0);
    }
    const placed = orders.filter((o) => o.outcome);
    expect(placed.length).toBeGreaterThan(20);
    // Nearly all on the side the truth favours (near ½ its errors can clear fee and edge either way).
    const agree = placed.filter((o) => (o.outcome === "Up") === o.imbalance > 0).length / placed.length;
    expect(agree).toBeGreaterThan(0.9);
    const j = judge(rows, (w) => ups.get(w.k)!, (r) => truth(r.w));

    expect(j.brier).toBeLessThan(0.23);
    expect(j.brier - j.truthBrier).toBeLessThan(0.02);
    expect(j.worstBucket).toBeLessThan(0.1);
    expect(j.mae).toBeLessThan(0.08);
    const mean = (xs: BeliefRow[]) => xs.reduce((a, r) => a + r.p, 0) / xs.length;
    expect(mean(rows.filter((r) => r.w.imbalance > 0.5))).toBeGreaterThan(0.7);
    expect(mean(rows.filter((r) => r.w.imbalance < -0.5))).toBeLessThan(0.3);
  });

  it("with no signal (Up 60% of the time, at random) stays near the base rate of the windows it learned from", () => {
    const { s, p } = make(TRAIN);
    const rows: BeliefRow[] = [];
    const ups: boolean[] = [];
    runScript(s, {
      windows: TOTAL,
      seed: "noise",
      outcome: (w, rng) => (ups[w.k] = rng.next() < 0.6),
      onTick: beliefsFrom(s, JUDGED_FROM, rows),
    });
    // The frequency of Up over the windows a belief in window k could have learned from (the newest trainWindows before the embargo).
    const baseRate = (k: number) => {
      const seen = ups.slice(Math.max(0, k - 1 - p.trainWindows), k - 1);
      return seen.filter(Boolean).length / seen.length;
    };
    const mean = (xs: number[]) => xs.reduce((a, x) => a + x, 0) / xs.length;
    const ps = rows.map((r) => r.p);
    const m = mean(ps);

    expect(Math.abs(m - mean(rows.map((r) => baseRate(r.w.k))))).toBeLessThan(0.03);
    expect(Math.sqrt(mean(ps.map((q) => (q - m) ** 2)))).toBeLessThan(0.05); // no structure read into noise
  });
});

describe("classifier: checkpoint", () => {
  it("restored mid-run from its saved state (through checkpoint JSON), continues bit for bit: the same beliefs, fits and state", () => {
    const sc: Script = { windows: 40, seed: "resume" };
    const whole = make();
    const wholeBeliefs: BeliefRow[] = [];
    runScript(whole.s, { ...sc, onTick: beliefsFrom(whole.s, 25, wholeBeliefs) });

    const first = make();
    const { state } = runScript(first.s, { ...sc, windows: 25 });
    expect(first.view.lastFit()).not.toBeNull(); // it had learned something to carry over
    const second = make();
    second.s.restore(fromCheckpointJson(toCheckpointJson(first.s.save())));
    const resumedBeliefs: BeliefRow[] = [];
    runScript(second.s, { ...sc, onTick: beliefsFrom(second.s, 25, resumedBeliefs) }, 25, state);

    expect(resumedBeliefs.length).toBeGreaterThan(100);
    expect(resumedBeliefs.map((r) => r.p)).toEqual(wholeBeliefs.map((r) => r.p));
    expect(toCheckpointJson(second.s.save())).toBe(toCheckpointJson(whole.s.save()));
    expect(second.view.lastFit()).toEqual(whole.view.lastFit());
  });

  it("bounds its memory: it keeps trainWindows windows and those still inside the embargo, and a margin", () => {
    const { s, view } = make({ trainWindows: 8, minTrainWindows: 4, embargoSec: 900 });
    runScript(s, { windows: 40, seed: "bounded" });
    expect(view.samples().length).toBe(8 + 3 + 8);
    expect(view.samples().every((w) => w.xs.length <= 15)).toBe(true);
  });
});

describe("classifier: parameters", () => {
  it("are bounded, and minTrainWindows may not exceed trainWindows", () => {
    expect(classifier.params.safeParse({ trainWindows: 10, minTrainWindows: 20 }).success).toBe(false);
    expect(classifier.params.safeParse({ embargoSec: -1 }).success).toBe(false);
    expect(classifier.params.safeParse({ calibFraction: 0.9 }).success).toBe(false);
    expect(classifier.params.safeParse({ volLookbackSec: 120 }).success).toBe(false); // shorter than the longest lag
    expect(classifier.params.safeParse({ bogus: 1 }).success).toBe(false);
    expect(classifier.params.parse({})).toMatchObject({ trainWindows: 96, minTrainWindows: 24, embargoSec: 900, sampleEverySec: 60 });
  });
});

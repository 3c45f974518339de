import { describe, expect, it } from "vitest";
import { MICRO, type Outcome } from "../../protocols/index.ts";
import { createRng } from "../../floor/random/createRng.ts";
import { ordersOf, scripted } from "../../agents/trader/strategies/scripted.ts";
import { perturbParams } from "../../floor/params/index.ts";
import { oracle, OracleParams } from "./oracle.ts";
import { playWindows, type ScriptedWindow } from "./playWindows.ts";

const TICK = 10_000;
/** `n` windows whose outcome is Up with probability `pUp(i)`, each with the book `book(i)` (ticks of the Up price). */
function windows(n: number, seed: string, book: (i: number, rng: () => number) => [bid: number, ask: number], pUp = (bid: number, ask: number) => (bid + ask) / 2 / MICRO): ScriptedWindow[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, (_, i) => {
    const [b, a] = book(i, () => rng.next());
    return { bid: b * TICK, ask: a * TICK, outcome: (rng.next() < pUp(b * TICK, a * TICK) ? "Up" : "Down") as Outcome };
  });
}
const truthOf = (ws: readonly ScriptedWindow[]) => (marketId: string) => ws[Number(marketId.split("-")[1])]?.outcome;
const mean = (xs: readonly number[]) => xs.reduce((a, x) => a + x, 0) / xs.length;
/** Three standard errors of a proportion p over n draws. */
const se3 = (p: number, n: number) => 3 * Math.sqrt((p * (1 - p)) / n);

describe("oracle (the known positive edge)", () => {
  it("believes the mid until leadSec before the close, then the posterior toward what it learnt, and buys that side", () => {
    const s = scripted(oracle(() => "Up"), OracleParams.parse({ accuracy: 0.95, leadSec: 60 }));
    s.book(0.49, 0.51, s.market.startTs);
    const close = s.market.endTs;
    expect(s.core.belief(close - 61_000)?.pUp).toBeCloseTo(0.5, 12);
    expect(s.decide(close - 61_000)).toEqual([]);
    // At a mid of 0.5 the posterior is the accuracy itself, toward the side learnt.
    const p = s.core.belief(close - 60_000)!.pUp;
    expect([0.95, 0.05].some((x) => Math.abs(p - x) < 1e-12)).toBe(true);
    expect(ordersOf(s.decide(close - 60_000))).toMatchObject([{ side: "BUY", type: "FAK", outcome: p > 0.5 ? "Up" : "Down", price: 510_000 }]);
    expect(ordersOf(s.decide(close - 59_000))).toEqual([]); // once a window
  });

  it("knows nothing of a window the test did not compute: the mid, and no trade", () => {
    const ws = windows(50, "none", () => [49, 51]);
    expect(playWindows(oracle(() => undefined), {}, ws)).toEqual([]);
  });

  it.each([0.6, 0.65, 0.8])("at a mid of 0.5 it wins `accuracy` (%s) of its trades, one a window, at a profit per share of accuracy − ask − fee", (accuracy) => {
    const ws = windows(4000, `fair-${accuracy}`, () => [49, 51]);
    const e = playWindows(oracle(truthOf(ws)), { accuracy, leadSec: 30 }, ws);
    expect(e).toHaveLength(ws.length); // the edge (accuracy − 0.51 − fee ≥ 0.07) is always there
    expect(new Set(e.map((x) => x.window)).size).toBe(ws.length);
    for (const x of e) expect(x.ts % 60_000).toBe(30_000); // the first book after it learns
    const hit = mean(e.map((x) => (x.won ? 1 : 0)));
    expect(Math.abs(hit - accuracy)).toBeLessThan(se3(accuracy, e.length));
    const fee = 0.07 * 0.51 * 0.49;
    expect(Math.abs(mean(e.map((x) => x.pnl)) - (accuracy - 0.51 - fee))).toBeLessThan(se3(accuracy, e.length));
  });

  it("is calibrated on any book: over mids from 0.25 to 0.75 (the market right on average) its trades win as often as it believed, and make money", () => {
    const ws = windows(6000, "books", (_, r) => {
      const bid = 25 + Math.floor(r() * 50);
      return [bid, bid + 1];
    });
    const e = playWindows(oracle(truthOf(ws)), { accuracy: 0.65, leadSec: 30 }, ws);
    expect(e.length).toBeGreaterThan(3000);
    const hit = mean(e.map((x) => (x.won ? 1 : 0)));
    const belief = mean(e.map((x) => x.belief));
    expect(Math.abs(hit - belief)).toBeLessThan(se3(belief, e.length));
    expect(mean(e.map((x) => x.pnl))).toBeGreaterThan(0.05);
  });

  it("makes the same mistakes for the same seed, and others for another", () => {
    const ws = windows(400, "seeds", () => [49, 51]);
    const sides = (seed: number) => playWindows(oracle(truthOf(ws)), { seed }, ws, 300).map((x) => x.outcome).join();
    expect(sides(1)).toBe(sides(1));
    expect(sides(2)).not.toBe(sides(1));
  });

  it("keeps an edge in its clones: perturbed inside its bounds, each still learns more than chance and trades most 5-minute windows", () => {
    const parent = OracleParams.parse({ accuracy: 0.65, leadSec: 240 });
    const rng = createRng("oracle-clones");
    const ws = windows(300, "clones", () => [49, 51]);
    const all: ReturnType<typeof playWindows> = [];
    for (let i = 0; i < 20; i++) {
      const clone = perturbParams(OracleParams, parent, rng, 0.1).params;
      expect(clone.accuracy).toBeGreaterThanOrEqual(0.55);
      expect(clone.exitBeforeSec).toBeLessThan(clone.leadSec); // its entry span still holds the moment it learns
      expect(clone.seed).not.toBe(parent.seed); // and its mistakes are its own
      const e = playWindows(oracle(truthOf(ws)), clone, ws, 300);
      expect(e.length, JSON.stringify(clone)).toBeGreaterThan(0.9 * ws.length);
      all.push(...e);
    }
    expect(mean(all.map((x) => (x.won ? 1 : 0)))).toBeGreaterThan(0.6);
    expect(mean(all.map((x) => x.pnl))).toBeGreaterThan(0.05);
  });
});

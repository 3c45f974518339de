import { describe, expect, it } from "vitest";
import { type Outcome } from "../../protocols/index.ts";
import { createRng } from "../../floor/random/createRng.ts";
import { ordersOf, scripted } from "../../agents/trader/strategies/scripted.ts";
import { coinFlip, CoinFlipParams } from "./coinFlip.ts";
import { playWindows, type ScriptedWindow } from "./playWindows.ts";

const TICK = 10_000;
const mean = (xs: readonly number[]) => xs.reduce((a, x) => a + x, 0) / xs.length;
const sd = (xs: readonly number[]) => Math.sqrt(mean(xs.map((x) => (x - mean(xs)) ** 2)));

/**
 * An efficient market: each window's Up book one cent wide (bid on a tick from 0.25 to 0.74), and
 * the window resolves Up with probability its mid. Buying Up at the ask then loses the half spread
 * (0.005) on average, and so does buying Down at 1 − bid; the fee comes on top.
 */
function efficient(n: number, seed: string): ScriptedWindow[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => {
    const bid = 25 + Math.floor(rng.next() * 50);
    return { bid: bid * TICK, ask: (bid + 1) * TICK, outcome: (rng.next() < (bid + 0.5) / 100 ? "Up" : "Down") as Outcome };
  });
}

describe("coinFlip (the known negative edge)", () => {
  it("enters `entries` times a window at moments of its entry span, a side at random each time, buying at the ask", () => {
    const ws = efficient(2000, "sides");
    const e = playWindows(coinFlip, { entries: 3, exitBeforeSec: 10 }, ws);
    expect(e).toHaveLength(3 * ws.length); // every price is inside [0.2, 0.8]
    for (const x of e) expect(x.ts % 60_000).toBeLessThanOrEqual(50_000); // the span ends exitBeforeSec (10) before the close
    const up = mean(e.map((x) => (x.outcome === "Up" ? 1 : 0)));
    expect(Math.abs(up - 0.5)).toBeLessThan(3 * Math.sqrt(0.25 / e.length));
    for (const x of e) expect(x.price).toBeCloseTo(x.outcome === "Up" ? ws[x.window]!.ask / 1e6 : 1 - ws[x.window]!.bid / 1e6, 12);
  });

  it("loses the half spread and the fee per share, on average: its PnL per trade is −(fee + half spread)", () => {
    const ws = efficient(20_000, "pnl");
    const e = playWindows(coinFlip, { entries: 2 }, ws, 20);
    const pnl = e.map((x) => x.pnl);
    const expected = -(0.005 + mean(e.map((x) => x.fee)));
    const se = sd(pnl) / Math.sqrt(pnl.length);
    console.log(`[coinFlip] ${e.length} entries: PnL/share ${mean(pnl).toFixed(4)} ± ${se.toFixed(4)} (se), expected ${expected.toFixed(4)}; fee ${mean(e.map((x) => x.fee)).toFixed(4)}, won ${mean(e.map((x) => (x.won ? 1 : 0))).toFixed(3)}`);
    expect(Math.abs(mean(pnl) - expected)).toBeLessThan(3 * se);
    expect(mean(pnl) + 3 * se).toBeLessThan(0);
  });

  it("passes a moment whose price is outside [minPrice, maxPrice]", () => {
    const far: ScriptedWindow[] = Array.from({ length: 50 }, () => ({ bid: 90 * TICK, ask: 91 * TICK, outcome: "Up" }));
    expect(playWindows(coinFlip, { entries: 4 }, far)).toEqual([]); // Up at 0.91, Down at 0.10
    expect(playWindows(coinFlip, { entries: 4, maxPrice: 0.95 }, far).every((x) => x.outcome === "Up")).toBe(true);
  });

  it("draws the same moments and sides for the same seed and window, whatever came before; others for another seed", () => {
    const ws = efficient(300, "seeds");
    const run = (seed: number, from = 0) => playWindows(coinFlip, { seed, entries: 2 }, ws.slice(from), 60, "w").map((x) => `${x.ts % 60_000}${x.outcome}`);
    expect(run(1)).toEqual(run(1));
    expect(run(2)).not.toEqual(run(1));
  });

  it("picks up where it was after a restart (save, restore), and states the book's mid as its belief", () => {
    const p = CoinFlipParams.parse({ entries: 4 });
    const a = scripted(coinFlip, p);
    const b = scripted(coinFlip, p);
    const { startTs, endTs } = a.market;
    /** Each second: what it orders, each order filled at once. */
    const step = (s: typeof a, t: number) => {
      s.book(0.49, 0.5, t);
      return ordersOf(s.decide(t)).map((o) => {
        s.fill(o.intentId, o.size / 1e6);
        return `${t}:${o.outcome}@${o.price}`;
      });
    };
    const half = startTs + 450_000;
    const before: string[] = [];
    for (let t = startTs; t < half; t += 1000) before.push(...step(a, t));
    b.core.restore(JSON.parse(JSON.stringify(a.core.save())));
    const after: string[][] = [[], []];
    for (let t = half; t < endTs; t += 1000) [a, b].forEach((s, i) => after[i]!.push(...step(s, t)));
    expect(after[1]).toEqual(after[0]);
    expect(before.length + after[0]!.length).toBe(4);
    expect(b.core.belief(endTs - 1000)?.pUp).toBeCloseTo(0.495, 12);
  });
});

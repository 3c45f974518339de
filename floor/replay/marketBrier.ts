import { upProbability } from "../pricing/upProbability.ts";
import { meanSe } from "../stats/index.ts";
import { indexAtOrBefore, priceAt, type SpotSeries } from "./SpotSeries.ts";
import type { PriceHistory } from "./ReplayDataset.ts";

/** One settled window as the measurement needs it: its times, strike, outcome and recorded Up prices. */
export interface BriefWindow {
  startTs: number;
  endTs: number;
  strike: number;
  outcome: "Up" | "Down";
  /** The market's Up price as recorded (ascending times): CLOB price history, or the sim book's mid on a grid. */
  up: PriceHistory;
}

/** Brier scores of three forecasts at one moment of the windows, over the windows that have all three. */
export interface BrierAt {
  /** Seconds after each window's open. */
  atSec: number;
  /** Windows scored (those with a price before and after, a spot price and an hour of spot returns). */
  n: number;
  /** The last recorded Up price at or before the moment. */
  lastBefore: number;
  /** The next recorded Up price after the moment. */
  nextAfter: number;
  /** upProbability(spot at the moment, strike, realised volatility of the last hour, time left). */
  model: number;
  /** Standard errors of the three means (per-window squared errors' sample standard deviation / √n). */
  se: { lastBefore: number; nextAfter: number; model: number };
  /** Mean age of the last-before price and mean lead of the next-after one, seconds. */
  lastAgeSec: number;
  nextLeadSec: number;
}

export interface MarketBrierOptions {
  /** Spot older than this at the moment gives no model forecast (1-minute data: 60 s). */
  maxSpotAgeMs: number;
  /** Realised volatility lookback (1 h). */
  volLookbackMs?: number;
  /** Fewest spot returns the lookback must hold (of about 60 at 1 minute). */
  minVolReturns?: number;
}

const HOUR_MS = 3_600_000;

/**
 * Realised volatility per second of the spot points in [t − lookbackMs, t]: the root of the sum
 * of squared log returns between consecutive points over the time they span (no mean removed:
 * over an hour the drift is noise). Undefined when fewer than `minReturns` returns lie inside.
 */
export function realisedVolPerSec(spot: SpotSeries, t: number, lookbackMs: number, minReturns: number): number | undefined {
  const last = indexAtOrBefore(spot, t);
  if (last < 0) return undefined;
  let first = indexAtOrBefore(spot, t - lookbackMs);
  if (first < 0 || spot.ts[first]! < t - lookbackMs) first++;
  const n = last - first;
  if (n < Math.max(1, minReturns)) return undefined;
  let ss = 0;
  for (let i = first + 1; i <= last; i++) ss += Math.log(spot.price[i]! / spot.price[i - 1]!) ** 2;
  const span = (spot.ts[last]! - spot.ts[first]!) / 1000;
  return span > 0 ? Math.sqrt(ss / span) : undefined;
}

/**
 * How well the market's recorded price forecast the outcome, against a plain model, at fixed
 * moments of each window (docs/SIMULATOR.md, "Efficiency"). For each moment and window: the last
 * recorded Up price at or before it, the next one after it, and `upProbability` from the spot at
 * that moment with the last hour's realised volatility; each is scored (p − outcome)² and averaged
 * over the windows where all three exist, so the three figures are over the same windows.
 * The recorded price is what a public observer had (last-before, stale by up to a sampling
 * interval) and what it became (next-after, which already knows a little of the future).
 */
export function marketBrier(windows: readonly BriefWindow[], spot: SpotSeries, atSec: readonly number[], o: MarketBrierOptions): BrierAt[] {
  const lookback = o.volLookbackMs ?? HOUR_MS;
  const minReturns = o.minVolReturns ?? 50;
  return atSec.map((sec) => {
    const last: number[] = [];
    const next: number[] = [];
    const model: number[] = [];
    let age = 0;
    let lead = 0;
    for (const w of windows) {
      const t = w.startTs + sec * 1000;
      if (t >= w.endTs) continue;
      const i = indexAtOrBefore({ symbol: "", kind: "ticks", ...w.up }, t);
      const j = i + 1;
      if (i < 0 || j >= w.up.ts.length || w.up.ts[i]! < w.startTs) continue;
      const s = priceAt(spot, t, o.maxSpotAgeMs);
      const vol = realisedVolPerSec(spot, t, lookback, minReturns);
      if (s === undefined || vol === undefined) continue;
      const y = w.outcome === "Up" ? 1 : 0;
      const p = upProbability(s, w.strike, vol, (w.endTs - t) / 1000);
      last.push((w.up.price[i]! - y) ** 2);
      next.push((w.up.price[j]! - y) ** 2);
      model.push((p - y) ** 2);
      age += (t - w.up.ts[i]!) / 1000;
      lead += (w.up.ts[j]! - t) / 1000;
    }
    const n = model.length;
    return {
      atSec: sec,
      n,
      lastBefore: mean(last),
      nextAfter: mean(next),
      model: mean(model),
      se: { lastBefore: stdErr(last), nextAfter: stdErr(next), model: stdErr(model) },
      lastAgeSec: n > 0 ? age / n : NaN,
      nextLeadSec: n > 0 ? lead / n : NaN,
    };
  });
}

/** The mean of the squared errors, and its standard error (NaN below two values), as floor/stats computes them. */
function mean(xs: readonly number[]): number {
  return meanSe(xs)?.mean ?? NaN;
}

function stdErr(xs: readonly number[]): number {
  const m = meanSe(xs);
  return m && m.n > 1 ? m.se : NaN;
}

/**
 * Several `marketBrier` results for the same moment (e.g. one per simulated seed, each on its own
 * spot path) as one: each figure is the window-weighted mean, each standard error that of the
 * weighted mean of independent samples.
 */
export function poolBrier(parts: readonly BrierAt[]): BrierAt {
  const n = parts.reduce((a, p) => a + p.n, 0);
  const w = (f: (p: BrierAt) => number) => parts.reduce((a, p) => a + (p.n > 0 ? p.n * f(p) : 0), 0) / n;
  const se = (f: (p: BrierAt) => number) => Math.sqrt(parts.reduce((a, p) => a + (p.n > 0 ? (p.n * f(p)) ** 2 : 0), 0)) / n;
  return {
    atSec: parts[0]?.atSec ?? NaN,
    n,
    lastBefore: w((p) => p.lastBefore),
    nextAfter: w((p) => p.nextAfter),
    model: w((p) => p.model),
    se: { lastBefore: se((p) => p.se.lastBefore), nextAfter: se((p) => p.se.nextAfter), model: se((p) => p.se.model) },
    lastAgeSec: w((p) => p.lastAgeSec),
    nextLeadSec: w((p) => p.nextLeadSec),
  };
}

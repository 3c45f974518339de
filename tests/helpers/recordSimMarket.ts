import type { AnyEventObject } from "xstate";
import { simFeedAgent } from "../../agents/feed/simFeedAgent.ts";
import { SimClock } from "../../floor/clock/index.ts";
import { FloorShared, type AgentContext } from "../../floor/host/index.ts";
import { createLogger } from "../../floor/log/createLogger.ts";
import type { SpotSeries } from "../../floor/replay/index.ts";
import type { BriefWindow } from "../../floor/replay/marketBrier.ts";
import { MICRO, type Level, type SimConfig } from "../../protocols/index.ts";
import { openDb } from "../../state/index.ts";

/** One simulated window: its strike and outcome, and the book's mid at every second of it. */
export interface SimWindow {
  marketId: string;
  startTs: number;
  endTs: number;
  strike: number;
  outcome: "Up" | "Down";
  /** Mid of the Up book, (best bid + best ask) / 2, at each step from the open: `mid[k]` at startTs + k s. */
  mid: Float64Array;
  /** The book's shape at each minute of the window (from the open): spread and dollars quoted within 5 ticks of the mid, per side. */
  shape: BookShape[];
}

export interface BookShape {
  mid: number;
  /** Best ask − best bid, probability units; NaN when a side is empty. */
  spread: number;
  bidUsd: number;
  askUsd: number;
}

export interface SimTape {
  /** Spot at each minute boundary (the step at that instant), like 1-minute candle opens. */
  spot: SpotSeries;
  windows: SimWindow[];
}

/**
 * Run the simulator's feed agent alone (no bus, no floor, no traders), one step a simulated
 * second for `hours`, and record what a public observer sees: spot on the minute grid and each
 * window's book mid every second, with its strike and outcome. This is the real feed code
 * (makers, flow, settlement) at a fraction of the floor's cost; nothing takes liquidity but the
 * public's flow. A side with no quotes counts as the token's bound (no asks: 1, no bids: 0).
 */
export function recordSimMarket(sim: SimConfig, seed: number, hours: number): SimTape {
  const start = Date.parse(sim.start);
  const clock = new SimClock(start);
  const db = openDb(":memory:");
  const spotTs: number[] = [];
  const spotPx: number[] = [];
  const windows: SimWindow[] = [];
  const open = new Map<string, { w: SimWindow; mids: number[]; shape: BookShape[] }>();
  let now = start;
  const best = (l: readonly Level[]) => (l.length > 0 ? l[0]!.price / MICRO : undefined);
  const shared = new FloorShared();
  const ctx: AgentContext = {
    id: "feed",
    kind: "feed",
    clock,
    db,
    log: createLogger({ level: "silent" }),
    shared: (key, make) => shared.of(key, make),
    stopping: () => false,
    publish(subject, body) {
      if (subject.startsWith("md.spot.")) {
        if (now % 60_000 === 0) {
          spotTs.push(now);
          spotPx.push((body.price as number) / MICRO);
        }
      } else if (subject.startsWith("md.book.")) {
        const o = open.get(body.marketId as string);
        if (!o) return;
        const bid = best(body.bids as Level[]) ?? 0;
        const ask = best(body.asks as Level[]) ?? 1;
        const mid = (bid + ask) / 2;
        o.mids.push(mid);
        if ((now - o.w.startTs) % 60_000 === 0) o.shape.push(bookShape(mid, body.bids as Level[], body.asks as Level[]));
      } else if (subject.endsWith(".open")) {
        const w: SimWindow = { marketId: body.marketId as string, startTs: body.startTs as number, endTs: body.endTs as number, strike: (body.strike as number) / MICRO, outcome: "Up", mid: new Float64Array(0), shape: [] };
        open.set(w.marketId, { w, mids: [], shape: [] });
      } else if (subject.endsWith(".resolved")) {
        const o = open.get(body.marketId as string);
        if (!o) return;
        open.delete(o.w.marketId);
        windows.push({ ...o.w, outcome: body.outcome as "Up" | "Down", mid: Float64Array.from(o.mids), shape: o.shape });
      }
    },
    send(_e: AnyEventObject) {},
    state: () => "running",
    context: () => undefined,
    fail: () => false,
  };
  try {
    const b = simFeedAgent("feed", seed, sim).create(ctx);
    b.onStart?.();
    for (let k = 0; k <= hours * 3600; k++) {
      now = start + k * 1000;
      clock.advanceTo(now);
      b.onTick?.(now);
    }
  } finally {
    db.close();
  }
  return { spot: { symbol: sim.series[0]!.symbol, kind: "candles-1m", ts: Float64Array.from(spotTs), price: Float64Array.from(spotPx) }, windows };
}

/** Spread and the dollars resting within 5 ticks (0.05) of the mid on each side of the Up book. */
function bookShape(mid: number, bids: readonly Level[], asks: readonly Level[]): BookShape {
  const usd = (l: readonly Level[]) => l.reduce((a, x) => (Math.abs(x.price / MICRO - mid) <= 0.05 + 1e-9 ? a + (x.price / MICRO) * (x.size / MICRO) : a), 0);
  const spread = bids.length > 0 && asks.length > 0 ? (asks[0]!.price - bids[0]!.price) / MICRO : NaN;
  return { mid, spread, bidUsd: usd(bids), askUsd: usd(asks) };
}

/**
 * The windows as `marketBrier` scores them, with the mid sampled every `everySec` from `offsetSec`
 * after the open: (60, 10) is how the December recording sampled the CLOB price (a point about
 * 10 s past each minute, so the last one before a whole minute is about 50 s old); (1, 0) is the
 * live mid every second (the last one at or before a moment is the mid at that moment).
 */
export function briefWindows(windows: readonly SimWindow[], everySec: number, offsetSec: number): BriefWindow[] {
  return windows.map((w) => {
    const ts: number[] = [];
    const price: number[] = [];
    for (let k = offsetSec; k < w.mid.length; k += everySec) {
      ts.push(w.startTs + k * 1000);
      price.push(w.mid[k]!);
    }
    return { startTs: w.startTs, endTs: w.endTs, strike: w.strike, outcome: w.outcome, up: { ts: Float64Array.from(ts), price: Float64Array.from(price) } };
  });
}

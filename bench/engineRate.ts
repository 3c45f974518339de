import { MarketEngine, type EngineOrder, type Snapshot, type Print } from "../agents/exchange/engine/index.ts";
import { createRng } from "../floor/random/createRng.ts";
import type { Level } from "../protocols/index.ts";
import { measureCeiling, sig, secondsSince, type CeilingResult } from "./stats.ts";

const M = 1_000_000;
const TICK = 10_000;

/** The flow's mix, per order submitted. */
export const ENGINE_FLOW = {
  marketableShare: 0.4,
  snapshotsPerOrder: 0.2,
  printsPerOrder: 0.5,
  /** Each resting order is cancelled 20 orders later (rejected if it filled first), so about 20 rest at once. */
  cancelsPerRestingOrder: 1,
  latencyMs: "0–50 (uniform)",
} as const;

type Op = { k: "snap"; s: Snapshot } | { k: "print"; p: Print } | { k: "order"; o: EngineOrder; lat: number } | { k: "cancel"; id: string };

/** A seeded random flow of `n` orders with its market data and cancels, built before timing. */
function buildFlow(n: number, seed: number): Op[] {
  const rng = createRng(`engine-bench-${seed}`);
  const ops: Op[] = [];
  let mid = 50 * TICK;
  const book = (): Snapshot => {
    mid = Math.min(90 * TICK, Math.max(10 * TICK, mid + TICK * rng.int(-1, 1)));
    const bids: Level[] = [];
    const asks: Level[] = [];
    for (let i = 0; i < 8; i++) bids.push({ price: mid - TICK * (i + 1), size: rng.int(1, 200 * M) });
    for (let i = 0; i < 8; i++) asks.push({ price: mid + TICK * (i + 1), size: rng.int(1, 200 * M) });
    return { bids, asks };
  };
  ops.push({ k: "snap", s: book() });
  const resting: string[] = [];
  for (let i = 0; i < n; i++) {
    if (rng.next() < ENGINE_FLOW.snapshotsPerOrder) ops.push({ k: "snap", s: book() });
    if (rng.next() < ENGINE_FLOW.printsPerOrder)
      ops.push({ k: "print", p: { price: mid + TICK * rng.int(-3, 3), size: rng.int(1, 50 * M), side: rng.next() < 0.5 ? "BUY" : "SELL" } });
    const outcome = rng.next() < 0.5 ? "Up" : "Down";
    const side = rng.next() < 0.5 ? "BUY" : "SELL";
    const upMid = outcome === "Up" ? mid : M - mid;
    const marketable = rng.next() < ENGINE_FLOW.marketableShare;
    // Marketable: priced 1–4 ticks through the touch. Resting: 1–4 ticks behind it.
    const away = TICK * rng.int(1, 4);
    const price = marketable ? (side === "BUY" ? upMid + TICK + away : upMid - TICK - away) : side === "BUY" ? upMid - away : upMid + away;
    const orderId = `b${i}`;
    const type = marketable ? (rng.next() < 0.5 ? "FAK" : "FOK") : rng.next() < 0.7 ? "GTC" : "GTD";
    const o: EngineOrder = { orderId, outcome, side, price: Math.min(M - TICK, Math.max(TICK, price)), size: rng.int(5 * M, 100 * M), type };
    if (type === "GTD") o.expiresAt = i * 10 + 2_000;
    ops.push({ k: "order", o, lat: rng.int(0, 50) });
    if (!marketable) {
      resting.push(orderId);
      if (resting.length > 20) ops.push({ k: "cancel", id: resting.shift()! });
    }
  }
  return ops;
}

interface FlowCounts {
  orders: number;
  events: number;
  takerFills: number;
  makerFills: number;
  rejects: number;
}

function runFlow(ops: readonly Op[]): FlowCounts {
  const e = new MarketEngine({ tickSize: TICK, minSize: 5 * M, fee: { rate: 0.07, exponent: 1, takerOnly: true }, rebateRate: 0.2 });
  const c: FlowCounts = { orders: 0, events: 0, takerFills: 0, makerFills: 0, rejects: 0 };
  let t = 0;
  for (const op of ops) {
    const ev =
      op.k === "snap" ? e.snapshot(op.s, t) : op.k === "print" ? e.trade(op.p, t) : op.k === "cancel" ? e.cancel(op.id, t) : (c.orders++, e.submit(op.o, t, op.lat));
    t += 5;
    c.events += ev.length;
    for (const x of ev) {
      if (x.type === "fill") x.liquidity === "taker" ? c.takerFills++ : c.makerFills++;
      else if (x.type === "reject") c.rejects++;
    }
  }
  e.close(t);
  return c;
}

export type EngineRate = CeilingResult & { ordersPerSec: number; flow: typeof ENGINE_FLOW; perOrder: { takerFills: number; makerFills: number; rejects: number; events: number } };

/**
 * Orders per second through one `MarketEngine` on a seeded random flow (40% marketable FAK/FOK,
 * 60% resting GTC/GTD with cancels, plus the snapshots and prints between them). The flow is built
 * before timing; the time covers every engine call (market data included), divided by orders.
 */
export async function engineRate(seed: number): Promise<EngineRate> {
  const once = async (n: number): Promise<number> => {
    const ops = buildFlow(n, seed);
    const t0 = process.hrtime.bigint();
    runFlow(ops);
    return secondsSince(t0);
  };
  const r = await measureCeiling(once, { startN: 5_000, maxN: 1_000_000 });
  const c = runFlow(buildFlow(50_000, seed));
  const per = (x: number) => sig(x / c.orders, 3);
  return { ordersPerSec: r.median, ...r, flow: ENGINE_FLOW, perOrder: { takerFills: per(c.takerFills), makerFills: per(c.makerFills), rejects: per(c.rejects), events: per(c.events) } };
}

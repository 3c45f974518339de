/**
 * Property tests of the matching engine: seeded random order flow (snapshots, prints, our
 * submits/cancels with latency, clock advances), then settlement. Every run checks, step by step:
 * - taker fills never exceed the visible liquidity of the last snapshot at that level;
 * - maker fills come only from prints (at most the print's size, only at or through our price, and
 *   never while external size ahead of us at our level remains) or from a snapshot crossing our
 *   price (at most the crossing size);
 * - an order never fills beyond its size; cancels report size − filled; fees and rebates follow
 *   the fee formula; every amount is a safe integer;
 * - `ahead` never exceeds the visible size at the order's level;
 * - after settlement, cash = start + realized PnL, and realized PnL = proceeds − costs − fees +
 *   rebates, recomputed independently from the fill events, to the micro-unit.
 */
import { describe, expect, it } from "vitest";
import { createRng, type Rng } from "../../../floor/random/createRng.ts";
import { takerFee } from "../../../floor/pricing/takerFee.ts";
import { EngineAccount, MarketEngine, toUp, type EngineConfig, type EngineEvent, type EngineOrder, type FillEvent, type RestingView } from "../../../agents/exchange/engine/index.ts";
import type { Level } from "../../../protocols/index.ts";

const M = 1_000_000;
const TICK = 10_000;
const key = (side: "BUY" | "SELL", price: number) => `${side}@${price}`;

interface RunStats {
  steps: number;
  acks: number;
  takerFills: number;
  printFills: number;
  crossFills: number;
  cancels: number;
  rejects: number;
}

function randomBook(rng: Rng, mid: number): { bids: Level[]; asks: Level[] } {
  const bids: Level[] = [];
  const asks: Level[] = [];
  const spread = rng.int(1, 3);
  let p = mid - Math.ceil(spread / 2) * TICK;
  for (let i = 0; i < rng.int(0, 5) && p >= TICK; i++, p -= TICK * rng.int(1, 2)) bids.push({ price: p, size: rng.int(1, 60 * M) });
  p = mid + Math.floor(spread / 2 + 0.5) * TICK;
  if (p <= bids[0]?.price!) p = bids[0]!.price + TICK;
  for (let i = 0; i < rng.int(0, 5) && p <= M - TICK; i++, p += TICK * rng.int(1, 2)) asks.push({ price: p, size: rng.int(1, 60 * M) });
  return { bids, asks };
}

function run(seed: number, steps: number): RunStats {
  const rng = createRng(`engine-props-${seed}`);
  // One draw picks the schedule and the fee currency (pUSD, or a buy's fee in shares).
  const r0 = rng.next();
  const fee = { ...(r0 < 0.5 ? { rate: 0.07, exponent: 1 } : { rate: 0.25, exponent: 2 }), takerOnly: true, currency: r0 < 0.25 || r0 >= 0.75 ? ("usd" as const) : ("shares" as const) };
  const cfg: EngineConfig = { tickSize: TICK, minSize: M, fee, rebateRate: 0.2 };
  const e = new MarketEngine(cfg);
  const start = 1_000 * M;
  const acct = new EngineAccount(start);
  const stats: RunStats = { steps, acks: 0, takerFills: 0, printFills: 0, crossFills: 0, cancels: 0, rejects: 0 };
  const orders = new Map<string, EngineOrder>();
  const filled = new Map<string, number>();
  const closed = new Set<string>();
  let t = 0;
  let mid = 50 * TICK;
  let snap = new Map<string, number>(); // visible size per Up level in the last snapshot
  let takenSince = new Map<string, number>(); // our taker fills per Up level since that snapshot
  let nextId = 0;
  // Independent books
  let cash = start;
  const held = { Up: 0, Down: 0 };

  const check = (ev: EngineEvent[], kind: "submit" | "cancel" | "advance" | "snapshot" | "trade", ctx: { before: RestingView[]; print?: { upSide: "BUY" | "SELL"; upPrice: number; size: number }; crossCap?: { bids: Level[]; asks: Level[] } }) => {
    let printTotal = 0;
    const crossTotal = { BUY: 0, SELL: 0 };
    for (const x of ev) {
      expect(Number.isSafeInteger(x.at)).toBe(true);
      if (x.type === "ack") stats.acks++;
      if (x.type === "reject") stats.rejects++;
      if (x.type === "cancel") {
        if (closed.has(x.orderId)) throw new Error(`cancel after close: ${x.orderId}`);
        const o = orders.get(x.orderId)!;
        expect(x.remaining).toBe(o.size - (filled.get(x.orderId) ?? 0));
        expect(x.remaining).toBeGreaterThan(0);
        closed.add(x.orderId);
        stats.cancels++;
      }
      if (x.type !== "fill") continue;
      const f: FillEvent = x;
      const o = orders.get(f.orderId)!;
      for (const v of [f.price, f.size, f.feeShares, f.feeUsd, f.rebate, f.cashDelta, f.sharesDelta]) expect(Number.isSafeInteger(v)).toBe(true);
      expect(f.size).toBeGreaterThan(0);
      const total = (filled.get(f.orderId) ?? 0) + f.size;
      expect(total).toBeLessThanOrEqual(o.size);
      filled.set(f.orderId, total);
      if (total === o.size) closed.add(f.orderId);
      // price never worse than the limit
      if (o.side === "BUY") expect(f.price).toBeLessThanOrEqual(o.price);
      else expect(f.price).toBeGreaterThanOrEqual(o.price);
      const { upSide } = toUp(o);
      const upPrice = f.outcome === "Up" ? f.price : M - f.price;
      if (f.liquidity === "taker") {
        expect(kind === "submit" || kind === "advance").toBe(true);
        expect(f.cause).toBe("take");
        const k = key(upSide === "BUY" ? "SELL" : "BUY", upPrice);
        const taken = (takenSince.get(k) ?? 0) + f.size;
        takenSince.set(k, taken);
        expect(taken).toBeLessThanOrEqual(snap.get(k) ?? 0);
        const want = takerFee(f.side, f.size, f.price, fee);
        expect([f.feeShares, f.feeUsd, f.rebate]).toEqual([want.feeShares, want.feeUsd, 0]);
        stats.takerFills++;
      } else {
        expect(f.price).toBe(o.price);
        expect([f.feeShares, f.feeUsd]).toEqual([0, 0]);
        expect(f.rebate).toBe(Math.round(takerFee("SELL", f.size, f.price, fee).feeUsd * 0.2));
        const before = ctx.before.find((r) => r.orderId === f.orderId)!;
        expect(before).toBeDefined();
        if (f.cause === "print") {
          expect(kind).toBe("trade");
          const p = ctx.print!;
          expect(upSide).toBe(p.upSide === "BUY" ? "SELL" : "BUY");
          expect(upSide === "BUY" ? upPrice >= p.upPrice : upPrice <= p.upPrice).toBe(true);
          // queue position: only what is left of the print after the size ahead of us can fill us
          if (upPrice === p.upPrice) expect(f.size).toBeLessThanOrEqual(p.size - before.ahead);
          printTotal += f.size;
          stats.printFills++;
        } else {
          expect(kind).toBe("snapshot");
          expect(f.cause).toBe("cross");
          const s = ctx.crossCap!;
          const crossing = (upSide === "BUY" ? s.asks.filter((l) => l.price <= upPrice) : s.bids.filter((l) => l.price >= upPrice));
          expect(crossing.length).toBeGreaterThan(0);
          // nothing external remains ahead of us at our own level in that snapshot
          expect((upSide === "BUY" ? s.bids : s.asks).some((l) => l.price === upPrice)).toBe(false);
          crossTotal[upSide] += f.size;
          stats.crossFills++;
        }
      }
      cash += f.cashDelta + f.rebate;
      held[f.outcome] += f.sharesDelta;
    }
    if (ctx.print) expect(printTotal).toBeLessThanOrEqual(ctx.print.size);
    if (ctx.crossCap) {
      const maxBid = Math.max(0, ...ctx.before.filter((r) => r.upSide === "BUY").map((r) => r.upPrice));
      const minAsk = Math.min(M, ...ctx.before.filter((r) => r.upSide === "SELL").map((r) => r.upPrice));
      expect(crossTotal.BUY).toBeLessThanOrEqual(ctx.crossCap.asks.filter((l) => l.price <= maxBid).reduce((a, l) => a + l.size, 0));
      expect(crossTotal.SELL).toBeLessThanOrEqual(ctx.crossCap.bids.filter((l) => l.price >= minAsk).reduce((a, l) => a + l.size, 0));
    }
    acct.apply(ev);
    // ahead never exceeds what is visible at the level
    const view = e.book();
    for (const r of e.orders()) {
      const lv = (r.upSide === "BUY" ? view.bids : view.asks).find((l) => l.price === r.upPrice);
      expect(r.ahead).toBeLessThanOrEqual(lv?.size ?? 0);
      expect(r.remaining).toBeGreaterThan(0);
    }
  };

  const doSnapshot = () => {
    mid = Math.min(90 * TICK, Math.max(10 * TICK, mid + TICK * rng.int(-2, 2)));
    const b = randomBook(rng, mid);
    const before = e.orders();
    snap = new Map([...b.bids.map((l) => [key("BUY", l.price), l.size] as const), ...b.asks.map((l) => [key("SELL", l.price), l.size] as const)]);
    takenSince = new Map();
    check(e.snapshot(b, t), "snapshot", { before, crossCap: b });
  };
  doSnapshot();

  for (let i = 0; i < steps; i++) {
    t += rng.int(0, 4);
    check(e.advance(t), "advance", { before: e.orders() });
    const u = rng.next();
    if (u < 0.2) {
      doSnapshot();
    } else if (u < 0.5) {
      // a print near the mid, sometimes exactly at a level we rest at
      const mine = e.orders();
      const side = rng.next() < 0.5 ? ("BUY" as const) : ("SELL" as const);
      const target = mine.length > 0 && rng.next() < 0.5 ? mine[rng.int(0, mine.length - 1)]!.upPrice : mid + TICK * rng.int(-4, 4);
      const upPrice = Math.min(M - TICK, Math.max(TICK, target + TICK * rng.int(-1, 1)));
      const size = rng.int(1, 40 * M);
      const onDown = rng.next() < 0.3;
      const print = onDown ? { outcome: "Down" as const, side: side === "BUY" ? ("SELL" as const) : ("BUY" as const), price: M - upPrice, size } : { side, price: upPrice, size };
      const before = e.orders();
      check(e.trade(print, t), "trade", { before, print: { upSide: side, upPrice, size } });
    } else if (u < 0.85) {
      const orderId = `o${nextId++}`;
      const r = rng.next();
      const type = r < 0.45 ? "GTC" : r < 0.6 ? "GTD" : r < 0.8 ? "FAK" : "FOK";
      const outcome = rng.next() < 0.5 ? ("Up" as const) : ("Down" as const);
      const side = rng.next() < 0.5 ? ("BUY" as const) : ("SELL" as const);
      const upMid = outcome === "Up" ? mid : M - mid;
      const o: EngineOrder = {
        orderId, outcome, side, type, price: Math.min(M - TICK, Math.max(TICK, upMid + TICK * rng.int(-5, 5))),
        size: rng.next() < 0.05 ? rng.int(1, M - 1) : rng.int(M, 50 * M),
        ...(type === "GTC" && rng.next() < 0.25 ? { postOnly: true } : {}),
        ...(type === "GTD" ? { expiresAt: t + rng.int(-2, 200) } : {}),
      };
      orders.set(orderId, o);
      check(e.submit(o, t, rng.next() < 0.5 ? 0 : rng.int(1, 6)), "submit", { before: e.orders() });
    } else {
      const live = e.orders();
      const id = live.length > 0 && rng.next() < 0.9 ? live[rng.int(0, live.length - 1)]!.orderId : `o${rng.int(0, nextId)}`;
      check(e.cancel(id, t, rng.next() < 0.5 ? 0 : rng.int(1, 6)), "cancel", { before: e.orders() });
    }
  }
  check(e.close(t + 1), "advance", { before: e.orders() });
  expect(e.orders()).toEqual([]);

  const winner = rng.next() < 0.5 ? ("Up" as const) : ("Down" as const);
  const pnl = acct.settle(winner);
  cash += held[winner];
  expect(acct.cash).toBe(cash);
  expect(acct.cash).toBe(start + pnl);
  expect(pnl).toBe(acct.proceeds - acct.costs - acct.fees + acct.rebates);
  for (const v of [acct.cash, acct.costs, acct.proceeds, acct.fees, acct.rebates, pnl]) expect(Number.isSafeInteger(v)).toBe(true);
  return stats;
}

describe("matching engine properties (seeded random flow)", () => {
  const seeds = Array.from({ length: 12 }, (_, i) => i + 1);
  const results: RunStats[] = [];
  it.each(seeds)("seed %i: 3000 steps keep every invariant", (seed) => {
    const s = run(seed, 3000);
    results.push(s);
    // the flow must actually exercise every kind of fill
    expect(s.takerFills).toBeGreaterThan(0);
    expect(s.printFills).toBeGreaterThan(0);
    expect(s.acks).toBeGreaterThan(100);
  });

  it("every fill path is exercised across the seeds", () => {
    const all = results.length === seeds.length ? results : seeds.map((s) => run(s, 3000));
    if (process.env.ENGINE_PROPS_STATS) console.error(JSON.stringify(all));
    const sum = (k: keyof RunStats) => all.reduce((a, s) => a + s[k], 0);
    expect(sum("crossFills")).toBeGreaterThan(0);
    expect(sum("rejects")).toBeGreaterThan(0);
    expect(sum("cancels")).toBeGreaterThan(0);
  });

  it("is deterministic for a seed", () => {
    expect(run(7, 500)).toEqual(run(7, 500));
  });
});

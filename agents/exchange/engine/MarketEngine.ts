import { MICRO, mulMicro, type Level } from "../../../protocols/index.ts";
import { takerFee } from "../../../floor/pricing/index.ts";
import { bookFill } from "../bookFill.ts";
import { clobCheck, clobMessages } from "./clobMessages.ts";
import type { CancelReason, EngineConfig, EngineEvent, EngineOrder, FillCause, Print, RestingView, Side, Snapshot, UpBookView } from "./types.ts";

interface Resting {
  order: EngineOrder;
  seq: number;
  upSide: Side;
  upPrice: number;
  filled: number;
  ahead: number;
  arrivedAt: number;
}

type Pending = { at: number; seq: number; kind: "submit"; order: EngineOrder } | { at: number; seq: number; kind: "cancel"; orderId: string };

const flip = (s: Side): Side => (s === "BUY" ? "SELL" : "BUY");

/** Where an order sits on the Up book: buying Down at c is selling Up at 1 − c. */
export function toUp(o: { outcome: "Up" | "Down"; side: Side; price: number }): { upSide: Side; upPrice: number } {
  return o.outcome === "Up" ? { upSide: o.side, upPrice: o.price } : { upSide: flip(o.side), upPrice: MICRO - o.price };
}

/**
 * One market's matching engine: the external Up-token book as last observed (snapshots, less the
 * liquidity our orders took and the prints since), plus our own orders with their queue positions.
 * Pure: no I/O, no clock; every call takes `now` and returns the events it caused, in order.
 *
 * Rules where the venue is ambiguous (see docs in README.md beside this file):
 * - Queue: a resting order joins the back of its level; `ahead` = the external size at that level
 *   when it arrived. A print at our price (taker on the other side) consumes the queue front to
 *   back: external size ahead first, then our orders in arrival order. A level that shrinks in a
 *   snapshot (beyond prints already counted) reduces `ahead` by the shrinkage (cancels are assumed
 *   to come from ahead of us) but never fills us: shrinkage can't be told apart from cancels.
 *   `ahead` never exceeds the level's visible external size.
 * - Trade-through: a print at a price worse for the taker than ours (a SELL print below our bid)
 *   proves our level was emptied: `ahead` becomes 0 and the print's size fills us (best price first).
 *   A snapshot whose opposite side crosses our resting price fills us as maker, at our price, up to
 *   the crossing size, which is then removed from the view.
 * - Liquidity our taker orders take is removed from the view until the next snapshot. We never
 *   match against our own orders (no self-trade): only external liquidity is taken.
 * - Latency: a submit or cancel acts at `now + latencyMs`. Market data stamped t is applied before
 *   arrivals and expiries stamped t; expiries go before arrivals at the same time.
 * - Tick size change: resting orders off the new grid are cancelled ("tick-size-change"); orders on
 *   it keep their place. (Polymarket only moves to a finer tick near 0/1, so nothing is usually off-grid.)
 */
export class MarketEngine {
  private cfg: EngineConfig;
  private view: UpBookView = { bids: [], asks: [] };
  private resting: Resting[] = [];
  private pending: Pending[] = [];
  private known = new Set<string>();
  private seq = 0;
  private fillSeq = 0;
  private clock = -Infinity;
  private out: EngineEvent[] = [];

  constructor(config: EngineConfig) {
    this.cfg = { ...config, fee: { ...config.fee } };
  }

  get tickSize(): number {
    return this.cfg.tickSize;
  }
  get minSize(): number {
    return this.cfg.minSize;
  }
  get now(): number {
    return this.clock;
  }

  /** Our current view of the external book (copies). */
  book(): UpBookView {
    return { bids: this.view.bids.map((l) => ({ ...l })), asks: this.view.asks.map((l) => ({ ...l })) };
  }

  /** Our resting orders, in arrival order. */
  orders(): RestingView[] {
    return this.resting.map((r) => ({
      orderId: r.order.orderId, outcome: r.order.outcome, side: r.order.side, price: r.order.price, size: r.order.size,
      filled: r.filled, remaining: r.order.size - r.filled, ahead: r.ahead, upSide: r.upSide, upPrice: r.upPrice,
      type: r.order.type, ...(r.order.expiresAt !== undefined ? { expiresAt: r.order.expiresAt } : {}), arrivedAt: r.arrivedAt,
    }));
  }

  /** Submits still in flight (arriving later). */
  inFlight(): number {
    return this.pending.length;
  }

  submit(order: EngineOrder, now: number, latencyMs = 0): EngineEvent[] {
    this.tick(now);
    this.enqueue({ at: now + latencyMs, seq: this.seq++, kind: "submit", order: { ...order } });
    this.due(now, true);
    return this.flush();
  }

  cancel(orderId: string, now: number, latencyMs = 0): EngineEvent[] {
    this.tick(now);
    this.enqueue({ at: now + latencyMs, seq: this.seq++, kind: "cancel", orderId });
    this.due(now, true);
    return this.flush();
  }

  /** Process arrivals and GTD expiries due at or before `now`, in time order. */
  advance(now: number): EngineEvent[] {
    this.tick(now);
    this.due(now, true);
    return this.flush();
  }

  snapshot(snap: Snapshot, now: number): EngineEvent[] {
    this.tick(now);
    this.due(now, false);
    if (snap.minSize !== undefined) this.cfg.minSize = snap.minSize;
    if (snap.tickSize !== undefined && snap.tickSize !== this.cfg.tickSize) this.applyTick(snap.tickSize, now);
    const next: UpBookView = { bids: snap.bids.map((l) => ({ price: l.price, size: l.size })), asks: snap.asks.map((l) => ({ price: l.price, size: l.size })) };
    // Queue advance from shrinkage: one shrinkage per level, applied to every order resting there.
    for (const r of this.resting) {
      const old = sizeAt(this.side(this.view, r.upSide), r.upPrice);
      const neu = sizeAt(this.side(next, r.upSide), r.upPrice);
      r.ahead = Math.min(neu, Math.max(0, r.ahead - Math.max(0, old - neu)));
    }
    this.view = next;
    this.crossFills(now);
    this.due(now, true);
    return this.flush();
  }

  trade(print: Print, now: number): EngineEvent[] {
    this.tick(now);
    this.due(now, false);
    const { upSide: takerUp, upPrice } = toUp({ outcome: print.outcome ?? "Up", side: print.side, price: print.price });
    const hitSide = flip(takerUp); // the resting side the taker consumed
    // Our orders the print reaches: at its price or better for the taker (trade-through).
    const reached = this.resting
      .filter((r) => r.upSide === hitSide && (hitSide === "BUY" ? r.upPrice >= upPrice : r.upPrice <= upPrice))
      .sort((a, b) => (a.upPrice === b.upPrice ? a.seq - b.seq : hitSide === "BUY" ? b.upPrice - a.upPrice : a.upPrice - b.upPrice));
    let rem = print.size;
    let extConsumed = 0;
    let ours = 0;
    for (const r of reached) {
      if (rem <= 0) break;
      if (r.upPrice !== upPrice) {
        r.ahead = 0;
      } else {
        const need = Math.max(0, r.ahead - extConsumed);
        const take = Math.min(rem, need);
        rem -= take;
        extConsumed += take;
        if (rem <= 0) break;
      }
      const size = Math.min(rem, r.order.size - r.filled);
      rem -= size;
      ours += size;
      this.makerFill(r, size, "print", now);
    }
    for (const r of this.resting) if (r.upSide === hitSide && r.upPrice === upPrice) r.ahead = Math.max(0, r.ahead - extConsumed);
    // What didn't go to our (phantom) orders traded against the external level at the print's price.
    this.reduceLevel(hitSide, upPrice, print.size - ours);
    this.clampAhead(hitSide, upPrice);
    this.removeDone();
    this.due(now, true);
    return this.flush();
  }

  /** A tick size change message (`tick_size_change`). */
  tickSizeChange(newTick: number, now: number): EngineEvent[] {
    this.tick(now);
    this.due(now, false);
    this.applyTick(newTick, now);
    this.due(now, true);
    return this.flush();
  }

  /** The market stops trading: everything resting is cancelled, in-flight orders are dropped unanswered. */
  close(now: number): EngineEvent[] {
    this.tick(now);
    this.due(now, true);
    for (const r of this.resting) this.emitCancel(r, "market-closed", now);
    this.resting = [];
    this.pending = [];
    return this.flush();
  }

  // ---- internals ----

  private tick(now: number): void {
    if (!Number.isFinite(now)) throw new RangeError(`clock must be finite: ${now}`);
    if (now < this.clock) throw new RangeError(`clock went backwards: ${now} < ${this.clock}`);
    this.clock = now;
  }

  private flush(): EngineEvent[] {
    const e = this.out;
    this.out = [];
    return e;
  }

  private enqueue(p: Pending): void {
    // Sorted by (at, seq); seq grows, so insert after every item with at <= p.at.
    let lo = 0;
    let hi = this.pending.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.pending[mid]!.at <= p.at) lo = mid + 1;
      else hi = mid;
    }
    this.pending.splice(lo, 0, p);
  }

  /** Run pending arrivals and expiries due before `t` (or at `t` when inclusive), in time order. */
  private due(t: number, inclusive: boolean): void {
    const ok = (x: number) => (inclusive ? x <= t : x < t);
    for (;;) {
      let exp: Resting | undefined;
      for (const r of this.resting) {
        const e = r.order.expiresAt;
        if (r.order.type === "GTD" && e !== undefined && ok(e) && (exp === undefined || e < exp.order.expiresAt!)) exp = r;
      }
      const p = this.pending[0];
      const pAt = p !== undefined && ok(p.at) ? p.at : undefined;
      if (exp !== undefined && (pAt === undefined || exp.order.expiresAt! <= pAt)) {
        this.emitCancel(exp, "expired", exp.order.expiresAt!);
        this.resting = this.resting.filter((r) => r !== exp);
        continue;
      }
      if (p === undefined || pAt === undefined) return;
      this.pending.shift();
      if (p.kind === "submit") this.arrive(p.order, p.at);
      else this.arriveCancel(p.orderId, p.at);
    }
  }

  private arriveCancel(orderId: string, at: number): void {
    const r = this.resting.find((x) => x.order.orderId === orderId);
    if (r === undefined) {
      this.out.push({ type: "reject", at, orderId, request: "cancel", reason: clobMessages.notFound(orderId) });
      return;
    }
    this.emitCancel(r, "user-cancel", at);
    this.resting = this.resting.filter((x) => x !== r);
  }

  private arrive(o: EngineOrder, at: number): void {
    const reject = (reason: string) => this.out.push({ type: "reject", at, orderId: o.orderId, request: "submit", reason });
    const bad = this.known.has(o.orderId) ? clobMessages.duplicated(o.orderId) : clobCheck(o, { tickSize: this.cfg.tickSize, minSize: this.cfg.minSize }, at);
    if (bad !== undefined) return void reject(bad);
    this.known.add(o.orderId);
    const { upSide, upPrice } = toUp(o);
    const opp = this.side(this.view, flip(upSide));
    const crosses = (p: number) => (upSide === "BUY" ? p <= upPrice : p >= upPrice);
    let available = 0;
    for (const l of opp) {
      if (!crosses(l.price) || available >= o.size) break;
      available += l.size;
    }
    if (o.postOnly && available > 0) return void reject(clobMessages.postOnlyCrosses);
    if (o.type === "FOK" && available < o.size) return void reject(clobMessages.fokNotFilled);
    if (o.type === "FAK" && available === 0) return void reject(clobMessages.fakNoMatch);
    this.out.push({ type: "ack", at, orderId: o.orderId });
    const r: Resting = { order: o, seq: this.seq++, upSide, upPrice, filled: 0, ahead: 0, arrivedAt: at };
    // Take: best levels first, each at its own price (price improvement goes to us).
    while (r.filled < o.size && opp.length > 0 && crosses(opp[0]!.price)) {
      const l = opp[0]!;
      const size = Math.min(o.size - r.filled, l.size);
      l.size -= size;
      if (l.size === 0) opp.shift();
      r.filled += size;
      this.takerFill(r, l.price, size, at);
      this.clampAhead(flip(upSide), l.price);
    }
    const remaining = o.size - r.filled;
    if (remaining === 0) return;
    if (o.type === "FAK" || o.type === "FOK") {
      this.emitCancel(r, "fak-remainder", at);
      return;
    }
    r.ahead = sizeAt(this.side(this.view, upSide), upPrice);
    this.resting.push(r);
    this.out.push({ type: "rest", at, orderId: o.orderId, price: o.price, remaining, ahead: r.ahead });
  }

  /** A snapshot crossing our resting prices: we were the maker the crossing liquidity would have hit. */
  private crossFills(now: number): void {
    for (const side of ["BUY", "SELL"] as const) {
      const opp = this.side(this.view, flip(side));
      if (opp.length === 0) continue;
      const mine = this.resting
        .filter((r) => r.upSide === side)
        .sort((a, b) => (a.upPrice === b.upPrice ? a.seq - b.seq : side === "BUY" ? b.upPrice - a.upPrice : a.upPrice - b.upPrice));
      for (const r of mine) {
        const crosses = (p: number) => (side === "BUY" ? p <= r.upPrice : p >= r.upPrice);
        while (r.filled < r.order.size && opp.length > 0 && crosses(opp[0]!.price)) {
          const l = opp[0]!;
          const size = Math.min(r.order.size - r.filled, l.size);
          l.size -= size;
          if (l.size === 0) opp.shift();
          r.ahead = 0;
          this.makerFill(r, size, "cross", now);
        }
      }
    }
    this.removeDone();
  }

  private takerFill(r: Resting, upLevelPrice: number, size: number, at: number): void {
    const o = r.order;
    const price = o.outcome === "Up" ? upLevelPrice : MICRO - upLevelPrice;
    const f = bookFill(o.side, price, size, this.cfg.fee);
    this.out.push({
      type: "fill", at, orderId: o.orderId, fillId: `${o.orderId}#${++this.fillSeq}`, outcome: o.outcome, side: o.side, price, size,
      liquidity: "taker", cause: "take", feeShares: f.feeShares, feeUsd: f.feeUsd, rebate: 0, cashDelta: f.cashDelta, sharesDelta: f.sharesDelta,
    });
  }

  private makerFill(r: Resting, size: number, cause: FillCause, at: number): void {
    if (size <= 0) return;
    const o = r.order;
    r.filled += size;
    const notional = mulMicro(o.price, size);
    // The counterparty's taker fee at this price: the fee formula's amount, taken as USD for the rebate pool.
    const theirFee = takerFee("SELL", size, o.price, this.cfg.fee).feeUsd;
    const rebate = Math.round(theirFee * this.cfg.rebateRate);
    this.out.push({
      type: "fill", at, orderId: o.orderId, fillId: `${o.orderId}#${++this.fillSeq}`, outcome: o.outcome, side: o.side, price: o.price, size,
      liquidity: "maker", cause, feeShares: 0, feeUsd: 0, rebate,
      cashDelta: o.side === "BUY" ? -notional : notional, sharesDelta: o.side === "BUY" ? size : -size,
    });
  }

  private emitCancel(r: Resting, reason: CancelReason, at: number): void {
    this.out.push({ type: "cancel", at, orderId: r.order.orderId, remaining: r.order.size - r.filled, reason });
  }

  private removeDone(): void {
    if (this.resting.some((r) => r.filled >= r.order.size)) this.resting = this.resting.filter((r) => r.filled < r.order.size);
  }

  private applyTick(newTick: number, now: number): void {
    this.cfg.tickSize = newTick;
    const keep: Resting[] = [];
    for (const r of this.resting) {
      if (r.order.price % newTick === 0) keep.push(r);
      else this.emitCancel(r, "tick-size-change", now);
    }
    this.resting = keep;
  }

  private side(b: UpBookView, s: Side): Level[] {
    return s === "BUY" ? b.bids : b.asks;
  }

  private reduceLevel(s: Side, price: number, size: number): void {
    const levels = this.side(this.view, s);
    const i = levels.findIndex((l) => l.price === price);
    if (i < 0) return;
    const l = levels[i]!;
    l.size -= Math.min(l.size, size);
    if (l.size === 0) levels.splice(i, 1);
  }

  private clampAhead(s: Side, price: number): void {
    const size = sizeAt(this.side(this.view, s), price);
    for (const r of this.resting) if (r.upSide === s && r.upPrice === price && r.ahead > size) r.ahead = size;
  }
}

function sizeAt(levels: readonly Level[], price: number): number {
  for (const l of levels) if (l.price === price) return l.size;
  return 0;
}

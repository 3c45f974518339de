import { LatencyQueue } from "./LatencyQueue.ts";
import { Matcher } from "./Matcher.ts";
import type { EngineState, InFlight } from "./EngineState.ts";
import type { EngineConfig, EngineEvent, EngineOrder, Print, RestingView, Snapshot, UpBookView } from "./types.ts";
import { copyBook, toUp } from "./upBook.ts";

/**
 * One market's matching engine: our orders against the external Up-token book we observe. Pure: no
 * I/O, no clock; every call takes `now` and returns the events it caused, in order. This class is
 * the timing: when each message reaches the venue (Matcher.ts, which does what the venue does with it).
 * Where the venue is ambiguous, the rules we chose are in README.md beside this file and in the
 * comments where each is applied. Timing:
 * - Latency: a submit or cancel acts at `now + latencyMs`.
 * - Market data stamped t is applied before arrivals and expiries stamped t; at equal times
 *   expiries go before arrivals, and arrivals keep their send order.
 */
export class MarketEngine {
  private m: Matcher;
  private pending = new LatencyQueue<InFlight>();
  private clock = -Infinity;
  /** Fresh-quote mode (EngineConfig.freshQuotes): submits that arrived and wait for the next snapshot. */
  private parked: Array<{ at: number; order: EngineOrder }> = [];

  constructor(config: EngineConfig) {
    this.m = new Matcher(config);
  }

  /** The engine between two calls: the venue, what is in flight, and its clock (checkpointJson keeps a -Infinity clock). */
  save(): EngineState {
    return { matcher: this.m.save(), inFlight: this.pending.save(), clock: this.clock, ...(this.parked.length > 0 ? { parked: this.parked.map((p) => ({ at: p.at, order: { ...p.order } })) } : {}) };
  }

  /** An engine exactly as `save` found one: resting orders keep their places in the queues. */
  static restore(s: EngineState): MarketEngine {
    const e = new MarketEngine(s.matcher.cfg);
    e.m = Matcher.restore(s.matcher);
    e.pending.load(s.inFlight);
    e.clock = s.clock;
    e.parked = (s.parked ?? []).map((p) => ({ at: p.at, order: { ...p.order } }));
    return e;
  }

  get tickSize(): number {
    return this.m.cfg.tickSize;
  }
  get minSize(): number {
    return this.m.cfg.minSize;
  }
  get now(): number {
    return this.clock;
  }

  /** Our current view of the external book (copies). */
  book(): UpBookView {
    return copyBook(this.m.view);
  }

  /** Our resting orders, in arrival order. */
  orders(): RestingView[] {
    return this.m.resting.views();
  }

  /** Submits still in flight (arriving later), or arrived and waiting for a fresh book. */
  inFlight(): number {
    return this.pending.size + this.parked.length;
  }

  submit(order: EngineOrder, now: number, latencyMs = 0): EngineEvent[] {
    return this.call(now, () => this.pending.add({ at: now + latencyMs, kind: "submit", order: { ...order } }));
  }

  cancel(orderId: string, now: number, latencyMs = 0): EngineEvent[] {
    return this.call(now, () => this.pending.add({ at: now + latencyMs, kind: "cancel", orderId }));
  }

  /** Process arrivals and GTD expiries due at or before `now`, in time order. */
  advance(now: number): EngineEvent[] {
    return this.call(now, () => {});
  }

  snapshot(snap: Snapshot, now: number): EngineEvent[] {
    return this.marketData(now, () => {
      this.m.snapshot(snap, now);
      // Orders that reached the venue before this book was recorded meet it now, at its time.
      const ready = this.parked.filter((p) => p.at < now);
      this.parked = this.parked.filter((p) => p.at >= now);
      for (const p of ready) this.m.arrive(p.order, now);
    });
  }

  trade(print: Print, now: number): EngineEvent[] {
    return this.marketData(now, () => this.m.trade(print, now));
  }

  /** A tick size change message (`tick_size_change`). */
  tickSizeChange(newTick: number, now: number): EngineEvent[] {
    return this.marketData(now, () => this.m.tickSizeChange(newTick, now));
  }

  /** The market stops trading: everything resting is cancelled, in-flight orders are dropped unanswered. */
  close(now: number): EngineEvent[] {
    return this.call(now, () => {
      this.due(now, true);
      for (const p of this.parked.splice(0)) this.m.out.reject(p.order.orderId, "submit", "market closed before a price was recorded after the order", now);
      this.m.close(now);
      this.pending.clear();
    });
  }

  /** One call at `now`: its own work, then the arrivals and expiries due by `now`; returns the events. */
  private call(now: number, body: () => void): EngineEvent[] {
    if (!Number.isFinite(now)) throw new RangeError(`clock must be finite: ${now}`);
    if (now < this.clock) throw new RangeError(`clock went backwards: ${now} < ${this.clock}`);
    this.clock = now;
    body();
    this.due(now, true);
    return this.m.out.take();
  }

  /** Market data stamped `now` applies after what fell due before `now`, before what falls due at it. */
  private marketData(now: number, body: () => void): EngineEvent[] {
    return this.call(now, () => {
      this.due(now, false);
      body();
    });
  }

  /** A cancel that finds its order still waiting for a fresh book takes it back whole. */
  private cancelParked(orderId: string, at: number): boolean {
    const i = this.parked.findIndex((p) => p.order.orderId === orderId);
    if (i < 0) return false;
    const order = this.parked.splice(i, 1)[0]!.order;
    this.m.out.cancel({ order, ...toUp(order), filled: 0, ahead: 0, arrivedAt: at }, "user-cancel", at);
    return true;
  }

  /** Run pending arrivals and GTD expiries due before `t` (or at `t` when inclusive), in time order. */
  private due(t: number, inclusive: boolean): void {
    const ok = (x: number) => (inclusive ? x <= t : x < t);
    for (;;) {
      const exp = this.m.resting.nextExpiry(ok);
      const p = this.pending.nextDue(ok);
      if (exp !== undefined && (p === undefined || exp.at <= p.at)) {
        this.m.expire(exp.r, exp.at);
        continue;
      }
      if (p === undefined) return;
      this.pending.shift();
      if (p.kind === "submit" && this.m.cfg.freshQuotes) this.parked.push({ at: p.at, order: p.order });
      else if (p.kind === "submit") this.m.arrive(p.order, p.at);
      else if (!this.cancelParked(p.orderId, p.at)) this.m.arriveCancel(p.orderId, p.at);
    }
  }
}

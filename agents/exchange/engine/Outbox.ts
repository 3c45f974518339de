import { makerFillEvent, takerFillEvent } from "./fillEvents.ts";
import type { Resting } from "./RestingBook.ts";
import type { CancelReason, EngineConfig, EngineEvent, FillCause } from "./types.ts";

/**
 * The events one engine call causes, in order, until the call returns them. Fills are booked on the
 * order (`filled`) as they are emitted, and numbered `orderId#n` with n counting every fill of the engine.
 */
export class Outbox {
  private events: EngineEvent[] = [];
  private fillSeq = 0;
  private readonly cfg: Pick<EngineConfig, "fee" | "rebateRate">;

  constructor(cfg: Pick<EngineConfig, "fee" | "rebateRate">) {
    this.cfg = cfg;
  }

  /** How many fills this engine has numbered (the next is one more), for a checkpoint. */
  get fillsNumbered(): number {
    return this.fillSeq;
  }

  /** Continue numbering after `n` (a restored engine). */
  numberFrom(n: number): void {
    this.fillSeq = n;
  }

  /** Hands over the events so far and starts afresh. */
  take(): EngineEvent[] {
    const e = this.events;
    this.events = [];
    return e;
  }

  ack(orderId: string, at: number): void {
    this.events.push({ type: "ack", at, orderId });
  }

  rest(r: Resting, at: number): void {
    this.events.push({ type: "rest", at, orderId: r.order.orderId, price: r.order.price, remaining: r.order.size - r.filled, ahead: r.ahead });
  }

  reject(orderId: string, request: "submit" | "cancel", reason: string, at: number): void {
    this.events.push({ type: "reject", at, orderId, request, reason });
  }

  cancel(r: Resting, reason: CancelReason, at: number): void {
    this.events.push({ type: "cancel", at, orderId: r.order.orderId, remaining: r.order.size - r.filled, reason });
  }

  /** `r` took `size` from the Up level at `upLevelPrice`. */
  takerFill(r: Resting, upLevelPrice: number, size: number, at: number): void {
    r.filled += size;
    this.events.push(takerFillEvent(r.order, upLevelPrice, size, at, this.fillId(r), this.cfg.fee));
  }

  /** `r` was hit for `size` at its own price (nothing to book when `size` is 0). */
  makerFill(r: Resting, size: number, cause: FillCause, at: number): void {
    if (size <= 0) return;
    r.filled += size;
    this.events.push(makerFillEvent(r.order, size, cause, at, this.fillId(r), this.cfg));
  }

  private fillId(r: Resting): string {
    return `${r.order.orderId}#${++this.fillSeq}`;
  }
}

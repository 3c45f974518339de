/**
 * The orders an executor follows, by intent id and by venue order id, and the events they
 * report: each goes to the caller's list, the order's own history, and `onEvent`.
 */
import type { Trade } from "@polymarket/clob-client-v2";
import { applyTrades, type Emit } from "./applyTrades.ts";
import type { LiveEvent, LiveIntent } from "./events.ts";
import { ackedLife, atVenue, newEntry, step, type IntentEntry } from "./orderLife.ts";

export class TrackedOrders {
  private readonly byIntent = new Map<string, IntentEntry>();
  private readonly byOrderId = new Map<string, IntentEntry>();

  constructor(private readonly onEvent: (e: LiveEvent) => void) {}

  get(intentId: string): IntentEntry | undefined {
    return this.byIntent.get(intentId);
  }

  values(): IterableIterator<IntentEntry> {
    return this.byIntent.values();
  }

  add(entry: IntentEntry): void {
    this.byIntent.set(entry.intent.intentId, entry);
    this.byOrderId.set(entry.orderId.toLowerCase(), entry);
  }

  emit(entry: IntentEntry | undefined, e: LiveEvent, out: LiveEvent[]): void {
    out.push(e);
    entry?.events.push(e);
    this.onEvent(e);
  }

  /** Events of `entry`, reported into `out`. */
  sink(entry: IntentEntry, out: LiveEvent[]): Emit {
    return (e) => this.emit(entry, e, out);
  }

  /** Trades (WS or REST, same shape) from elsewhere, e.g. the user channel: new fills and reversals of tracked orders. */
  ingest(trades: readonly Trade[]): LiveEvent[] {
    const out: LiveEvent[] = [];
    for (const t of trades) {
      const ids = [t.taker_order_id, ...(t.maker_orders ?? []).map((m) => m.order_id)];
      for (const id of ids) {
        const e = id ? this.byOrderId.get(id.toLowerCase()) : undefined;
        if (e && atVenue(e)) applyTrades(e, [t], this.sink(e, out));
      }
    }
    return out;
  }

  /**
   * Track an order found at the venue on start-up (placed before a restart): its later fills are
   * reported like any other's. `knownFills` are trade ids the ledger already booked, with sizes.
   */
  adopt(intent: LiveIntent, orderId: string, knownFills: ReadonlyMap<string, number>): void {
    if (this.byIntent.has(intent.intentId)) return;
    // It was sent and acknowledged in an earlier life of the floor.
    const entry = newEntry(intent, orderId, ackedLife(intent.size));
    for (const [id, size] of knownFills) {
      entry.trades.set(id, { status: "MATCHED", size });
      entry.filled += size;
    }
    this.add(entry);
  }

  /**
   * The venue cancelled an order: our cancel's answer, or the user channel's CANCELLATION (an
   * expiry, the dead-man switch, our own cancel seen again). One cancel event per order, however
   * many times it is reported; orders of no intent of ours are reported with an empty intent id.
   */
  cancelled(orderId: string, reason: string): LiveEvent[] {
    const out: LiveEvent[] = [];
    const entry = this.byOrderId.get(orderId.toLowerCase());
    if (entry && !entry.life.can({ type: "CANCELLED" })) return out; // already closed
    if (entry) step(entry, { type: "CANCELLED", reason });
    this.emit(entry, { type: "cancel", intentId: entry?.intent.intentId ?? "", orderId, remaining: entry ? entry.intent.size - entry.filled : 0, reason }, out);
    return out;
  }
}

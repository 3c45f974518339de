import { subjects, type FeeSchedule, type Outcome } from "../../../protocols/index.ts";
import { hasFill, marketFee, orderById, recordFill, recordOrder, reverseFill, setOrderStatus, type Db } from "../../../state/index.ts";
import type { LiveEvent } from "./events.ts";
import { liveFillAmounts } from "./liveFillAmounts.ts";

/** What the floor knows of an order sent to the venue: whose it is and in which market. */
export interface LiveOrder {
  intentId: string;
  agentId: string;
  marketId: string;
  tokenId: string;
  outcome: Outcome;
  side: "BUY" | "SELL";
  type: string;
  price: number;
  size: number;
  postOnly?: boolean;
  /** GTD only: floor time (ms) at which the order expires. */
  expiresAt?: number;
  orderId?: string;
}

type Publish = (subject: string, body: Record<string, unknown>) => void;

/** A venue trade can hold several of our orders (as taker and maker legs): the ledger's fill is one trade's leg of one order. */
export const ledgerFillId = (tradeId: string, orderId: string): string => `${tradeId}@${orderId}`;

/** The venue trade id a ledger fill id was made from. */
export const tradeIdOf = (fillId: string): string => fillId.slice(0, fillId.lastIndexOf("@"));

/**
 * Books the executor's events in the ledger, then announces them on the bus (ledger first, so
 * nothing announced is missing from the record after a crash). A venue trade seen twice (socket
 * and poll, or again after a restart) is booked once; a FAILED trade is reversed once.
 */
export class LiveLedger {
  readonly orders = new Map<string, LiveOrder>();

  constructor(
    private readonly db: Db,
    private readonly publish: Publish,
    private readonly feeOf: (marketId: string) => FeeSchedule | undefined,
    /** Told of each order acknowledged, fill booked and rejection, whichever path it came by (the exchange machine counts them). */
    private readonly noted: (kind: "ORDER" | "FILL" | "REJECTED") => void = () => {},
  ) {}

  /** Write the order ahead of posting: a crash after this leaves a record to reconcile. */
  writeAhead(o: LiveOrder, orderId: string, now: number): void {
    const { created } = recordOrder(this.db, { ...o, orderId, status: "pending", ts: now });
    if (!created) throw new Error(`intent ${o.intentId} already has an order`);
    o.orderId = orderId;
  }

  /** Refuse an intent the venue never saw (or refused): an order row marked rejected, and the event. */
  reject(o: LiveOrder, reason: string, now: number): void {
    if (o.orderId) setOrderStatus(this.db, o.orderId, "rejected", now, reason);
    else recordOrder(this.db, { ...o, orderId: `rejected:${o.intentId}`, status: "rejected", reason, ts: now });
    this.noted("REJECTED");
    this.announce(o, { type: "reject", reason });
  }

  /** Returns how many events were booked (duplicates are skipped). */
  apply(events: readonly LiveEvent[], now: number): number {
    let booked = 0;
    for (const e of events) {
      const o = this.orders.get(e.intentId);
      if (!o) continue; // a cancel-all may report orders of no intent of ours; reconciliation audits those
      if (e.type === "reject") this.reject(o, e.reason, now);
      else if (e.type === "ack") {
        setOrderStatus(this.db, e.orderId, "live", now);
        this.noted("ORDER");
        this.announce(o, { type: "ack", orderId: e.orderId });
      } else if (e.type === "cancel") {
        setOrderStatus(this.db, e.orderId, e.reason === "expired" ? "expired" : e.remaining < o.size ? "partial" : "cancelled", now, e.reason);
        this.announce(o, { type: "cancel", orderId: e.orderId, remaining: e.remaining, reason: e.reason });
      } else if (e.type === "fill") {
        const fillId = ledgerFillId(e.fillId, e.orderId);
        if (hasFill(this.db, fillId)) continue;
        // After a restart the feed may not have re-announced the market yet: the ledger recorded its fees at the open.
        const fee = this.feeOf(o.marketId) ?? marketFee(this.db, o.marketId);
        if (!fee) throw new Error(`fill ${fillId} of market ${o.marketId}: no fee schedule known for the market; not booked`);
        const a = liveFillAmounts(e.side, e.price, e.size, e.liquidity, fee);
        recordFill(this.db, { fillId, orderId: e.orderId, agentId: o.agentId, marketId: o.marketId, outcome: o.outcome, side: e.side, price: e.price, size: e.size, ...a, liquidity: e.liquidity, ts: now });
        if (!e.partial) setOrderStatus(this.db, e.orderId, "filled", now);
        this.noted("FILL");
        this.announce(o, { type: "fill", orderId: e.orderId, fillId, marketId: o.marketId, tokenId: o.tokenId, outcome: o.outcome, side: e.side, price: e.price, size: e.size, liquidity: e.liquidity, ...a });
      } else {
        const fillId = ledgerFillId(e.fillId, e.orderId);
        const r = reverseFill(this.db, fillId, now);
        if (!r) continue;
        // A filled order is no longer filled once its trade failed; a resting one rests on.
        const after = orderById(this.db, e.orderId);
        if (after?.status === "filled") setOrderStatus(this.db, e.orderId, after.filled > 0 ? "partial" : "cancelled", now, `trade ${e.fillId} failed: ${e.reason}`);
        this.announce(o, { type: "reversal", orderId: e.orderId, fillId, marketId: r.marketId, outcome: r.outcome, size: r.size, cashDelta: r.cashDelta, sharesDelta: r.sharesDelta, reason: e.reason });
      }
      booked++;
    }
    return booked;
  }

  private announce(o: LiveOrder, body: Record<string, unknown>): void {
    this.publish(subjects.orderEvent(o.agentId), { agentId: o.agentId, intentId: o.intentId, ...body });
  }
}

import type { Level } from "../../../protocols/index.ts";
import { crosses, takeLevels } from "./takeLevels.ts";
import type { EngineOrder, RestingView, Side, UpBookView } from "./types.ts";
import { flip, levelsOf, reduceLevel, sizeAt } from "./upBook.ts";

/** One of our orders on the Up book: what has filled, and the external size queued ahead of it. */
export interface Resting {
  order: EngineOrder;
  upSide: Side;
  upPrice: number;
  filled: number;
  ahead: number;
  arrivedAt: number;
}

/** What a print or a crossing snapshot owes one of our orders (booked by the Matcher). */
export type OwedFill = { r: Resting; size: number };

/**
 * Our resting orders, in arrival order, with their queue positions (README.md beside this file):
 * - A resting order joins the back of its level: `ahead` = the external size there when it arrived.
 * - A print at our price (taker on the other side) consumes the queue front to back: external size
 *   ahead first, then our orders in arrival order.
 * - A level that shrinks in a snapshot (beyond prints already counted) reduces `ahead` by the
 *   shrinkage (cancels are assumed to come from ahead of us) but never fills us: shrinkage can't be
 *   told apart from cancels.
 * - Trade-through: a print at a price worse for the taker than ours (a SELL print below our bid)
 *   proves our level was emptied: `ahead` becomes 0 and the print's size fills us (best price first).
 * - `ahead` never exceeds the level's visible external size.
 * This book only works out whom a print or a crossing snapshot fills, and for how much (each of our
 * orders once, in order); the Matcher books the fills.
 */
export class RestingBook {
  private list: Resting[] = [];

  /** Rests `r` at the back of its level, behind the external size on `own` (its side of the view). */
  add(r: Resting, own: readonly Level[]): void {
    r.ahead = sizeAt(own, r.upPrice);
    this.list.push(r);
  }

  /** Every resting order with its queue position, in arrival order (copies), for a checkpoint. */
  save(): Resting[] {
    return this.list.map((r) => ({ ...r, order: { ...r.order } }));
  }

  /** Put back what `save` returned: the same orders in the same places of their queues. */
  load(list: readonly Resting[]): void {
    this.list = list.map((r) => ({ ...r, order: { ...r.order } }));
  }

  find(orderId: string): Resting | undefined {
    return this.list.find((r) => r.order.orderId === orderId);
  }

  remove(r: Resting): void {
    this.list = this.list.filter((x) => x !== r);
  }

  removeDone(): void {
    if (this.list.some((r) => r.filled >= r.order.size)) this.list = this.list.filter((r) => r.filled < r.order.size);
  }

  /** Removes and returns every order. */
  clear(): Resting[] {
    const all = this.list;
    this.list = [];
    return all;
  }

  /** Removes and returns the orders whose price is off the `tick` grid; the rest keep their place. */
  removeOffGrid(tick: number): Resting[] {
    const off = this.list.filter((r) => r.order.price % tick !== 0);
    if (off.length > 0) this.list = this.list.filter((r) => r.order.price % tick === 0);
    return off;
  }

  /** The GTD order expiring earliest among expiries that are `due` (the first to arrive on ties). */
  nextExpiry(due: (t: number) => boolean): { r: Resting; at: number } | undefined {
    let next: { r: Resting; at: number } | undefined;
    for (const r of this.list) {
      const e = r.order.expiresAt;
      if (r.order.type === "GTD" && e !== undefined && due(e) && (next === undefined || e < next.at)) next = { r, at: e };
    }
    return next;
  }

  /** Orders on `side` (passing `keep`), best price first; equal prices keep arrival order (the sort is stable). */
  bestFirst(side: Side, keep?: (r: Resting) => boolean): Resting[] {
    return this.list
      .filter((r) => r.upSide === side && (keep === undefined || keep(r)))
      .sort((a, b) => (a.upPrice === b.upPrice ? 0 : side === "BUY" ? b.upPrice - a.upPrice : a.upPrice - b.upPrice));
  }

  /**
   * Snapshot `next` replaces `old`: queues advance by each level's shrinkage (one per level, applied
   * to every order resting there), then the liquidity crossing our prices fills us (`cross`).
   */
  snapshot(old: UpBookView, next: UpBookView): OwedFill[] {
    for (const r of this.list) {
      const was = sizeAt(levelsOf(old, r.upSide), r.upPrice);
      const now = sizeAt(levelsOf(next, r.upSide), r.upPrice);
      r.ahead = Math.min(now, Math.max(0, r.ahead - Math.max(0, was - now)));
    }
    return this.cross(next);
  }

  /**
   * A print of `size` whose taker hit `hitSide` at `upPrice`: advances the queues it reaches, takes
   * the rest of it out of `view`'s level, and returns the fills it owes our orders.
   */
  print(view: UpBookView, hitSide: Side, upPrice: number, size: number): OwedFill[] {
    const fills: OwedFill[] = [];
    let rem = size;
    let extConsumed = 0;
    let ours = 0;
    // Our orders the print reaches: at its price or better for the taker (trade-through).
    for (const r of this.bestFirst(hitSide, (x) => crosses(hitSide, x.upPrice, upPrice))) {
      if (rem <= 0) break;
      if (r.upPrice !== upPrice) {
        r.ahead = 0;
      } else {
        const take = Math.min(rem, Math.max(0, r.ahead - extConsumed));
        rem -= take;
        extConsumed += take;
        if (rem <= 0) break;
      }
      const fill = Math.min(rem, r.order.size - r.filled);
      rem -= fill;
      ours += fill;
      fills.push({ r, size: fill });
    }
    for (const r of this.list) if (r.upSide === hitSide && r.upPrice === upPrice) r.ahead = Math.max(0, r.ahead - extConsumed);
    // What didn't go to our (phantom) orders traded against the external level at the print's price.
    reduceLevel(levelsOf(view, hitSide), upPrice, size - ours);
    this.clampAhead(view, hitSide, upPrice);
    return fills;
  }

  /**
   * A snapshot whose opposite side crosses our resting prices: we were the maker the crossing
   * liquidity would have hit, so it fills us at our price (best-priced orders first) and is taken
   * out of `view`. A real book can't be crossed by a resting order it would have matched.
   */
  private cross(view: UpBookView): OwedFill[] {
    const fills: OwedFill[] = [];
    for (const side of ["BUY", "SELL"] as const) {
      const opp = levelsOf(view, flip(side));
      if (opp.length === 0) continue;
      for (const r of this.bestFirst(side)) {
        for (const l of takeLevels(opp, side, r.upPrice, r.order.size - r.filled)) {
          r.ahead = 0;
          fills.push({ r, size: l.size });
        }
      }
    }
    return fills;
  }

  /** Caps `ahead` at the external size `view` now shows at (`side`, `price`). */
  clampAhead(view: UpBookView, side: Side, price: number): void {
    const visible = sizeAt(levelsOf(view, side), price);
    for (const r of this.list) if (r.upSide === side && r.upPrice === price && r.ahead > visible) r.ahead = visible;
  }

  views(): RestingView[] {
    return this.list.map((r) => ({
      orderId: r.order.orderId, outcome: r.order.outcome, side: r.order.side, price: r.order.price, size: r.order.size,
      filled: r.filled, remaining: r.order.size - r.filled, ahead: r.ahead, upSide: r.upSide, upPrice: r.upPrice,
      type: r.order.type, ...(r.order.expiresAt !== undefined ? { expiresAt: r.order.expiresAt } : {}), arrivedAt: r.arrivedAt,
    }));
  }
}

import type { Signal, WorkingOrder } from "./Action.ts";

/** A working order still serves a wish of the same outcome, side and price whose size is within this share of what is left of it. */
const SIZE_SLACK = 0.5;

/**
 * Match what a planning strategy wants against what it has working: a working order that serves
 * a wish (same outcome, side, price and type, about the same size left) is kept, so it keeps its
 * place in the queue; the others are cancelled, and wishes nothing serves are placed. A FAK is
 * never placed while one of the same outcome and side is still working. Orders already being
 * cancelled are left to their cancel.
 */
export function reconcile(working: readonly WorkingOrder[], wishes: readonly Signal[]): { keep: WorkingOrder[]; cancel: WorkingOrder[]; place: Signal[] } {
  const live = working.filter((w) => !w.cancelling);
  const keep: WorkingOrder[] = [];
  const place: Signal[] = [];
  for (const o of wishes) {
    const serving = live.find((w) => !keep.includes(w) && w.order.outcome === o.outcome && w.order.side === o.side && serves(w, o));
    if (serving) keep.push(serving);
    else if (o.type === "FAK" || o.type === "FOK") {
      if (!working.some((w) => w.order.outcome === o.outcome && w.order.side === o.side && (w.order.type === "FAK" || w.order.type === "FOK"))) place.push(o);
    } else place.push(o);
  }
  const cancel = live.filter((w) => !keep.includes(w) && w.order.type !== "FAK" && w.order.type !== "FOK");
  return { keep, cancel, place };
}

function serves(w: WorkingOrder, o: Signal): boolean {
  if (w.order.type !== o.type || w.order.price !== o.price) return false;
  const left = w.order.size - w.filled;
  return Math.abs(left - o.size) <= SIZE_SLACK * Math.max(left, o.size);
}

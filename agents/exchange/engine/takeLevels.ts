import type { Level } from "../../../protocols/index.ts";
import type { Side } from "./types.ts";

/** Whether an opposite-side level at `price` crosses a `side` limit at `limit` (all on the Up book). */
export function crosses(side: Side, limit: number, price: number): boolean {
  return side === "BUY" ? price <= limit : price >= limit;
}

/**
 * The opposite side's size that crosses our limit, counted best level first until it covers
 * `size`: enough to judge post-only (any?), FOK (all?) and FAK (none?) without touching the book.
 */
export function crossingSize(opp: readonly Level[], side: Side, limit: number, size: number): number {
  let available = 0;
  for (const l of opp) {
    if (!crosses(side, limit, l.price) || available >= size) break;
    available += l.size;
  }
  return available;
}

/**
 * Takes up to `size` from `opp` (best first) while its levels cross our limit, each level at its own
 * price (price improvement goes to us). Mutates `opp`: emptied levels are removed. Returns what was
 * taken per level, in order (a zero-size level in the book yields a zero-size take).
 */
export function takeLevels(opp: Level[], side: Side, limit: number, size: number): Level[] {
  const taken: Level[] = [];
  let want = size;
  while (want > 0 && opp.length > 0 && crosses(side, limit, opp[0]!.price)) {
    const l = opp[0]!;
    const take = Math.min(want, l.size);
    l.size -= take;
    if (l.size === 0) opp.shift();
    want -= take;
    taken.push({ price: l.price, size: take });
  }
  return taken;
}

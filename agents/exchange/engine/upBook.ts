import { MICRO, type Level } from "../../../protocols/index.ts";
import type { Side, UpBookView } from "./types.ts";

export const flip = (s: Side): Side => (s === "BUY" ? "SELL" : "BUY");

/** Where an order sits on the Up book: buying Down at c is selling Up at 1 − c. */
export function toUp(o: { outcome: "Up" | "Down"; side: Side; price: number }): { upSide: Side; upPrice: number } {
  return o.outcome === "Up" ? { upSide: o.side, upPrice: o.price } : { upSide: flip(o.side), upPrice: MICRO - o.price };
}

/** The levels resting on `s`: bids for BUY, asks for SELL (the array itself, not a copy). */
export function levelsOf(b: UpBookView, s: Side): Level[] {
  return s === "BUY" ? b.bids : b.asks;
}

/** A copy of a book's levels, so the engine can take from its view without touching the caller's. */
export function copyBook(b: { bids: readonly Level[]; asks: readonly Level[] }): UpBookView {
  return { bids: b.bids.map((l) => ({ price: l.price, size: l.size })), asks: b.asks.map((l) => ({ price: l.price, size: l.size })) };
}

export function sizeAt(levels: readonly Level[], price: number): number {
  for (const l of levels) if (l.price === price) return l.size;
  return 0;
}

/** Removes up to `size` from the level at `price` (dropping the level when emptied). */
export function reduceLevel(levels: Level[], price: number, size: number): void {
  const i = levels.findIndex((l) => l.price === price);
  if (i < 0) return;
  const l = levels[i]!;
  l.size -= Math.min(l.size, size);
  if (l.size === 0) levels.splice(i, 1);
}

import { MICRO, type Level } from "../../protocols/index.ts";

export interface Match {
  price: number;
  size: number;
}

/**
 * Take liquidity from `levels` (best first) for up to `size`, only at prices `acceptable`
 * allows. Returns what matched, what is left of the order, and the levels left in the book.
 */
export function walkBook(levels: readonly Level[], size: number, acceptable: (price: number) => boolean): { matches: Match[]; remaining: number; rest: Level[] } {
  const matches: Match[] = [];
  const rest: Level[] = [];
  let remaining = size;
  for (const l of levels) {
    if (remaining > 0 && acceptable(l.price)) {
      const take = Math.min(remaining, l.size);
      matches.push({ price: l.price, size: take });
      remaining -= take;
      if (l.size > take) rest.push({ price: l.price, size: l.size - take });
    } else {
      rest.push(l);
    }
  }
  return { matches, remaining, rest };
}

/** The Down token's side of a book, from the Up token's opposite side: a Down ask at 1 − (Up bid). */
export function complement(levels: readonly Level[]): Level[] {
  return levels.map((l) => ({ price: MICRO - l.price, size: l.size }));
}

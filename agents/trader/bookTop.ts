import type { BookSnapshot } from "../../protocols/index.ts";
import type { Top } from "./core/index.ts";

let lastBook: BookSnapshot | undefined;
let lastTop: Top | undefined;

/**
 * A book's top as a trader reads it. A bus hands the same (frozen) message to every trader of the
 * process in a row, so the top is built once per book and shared, frozen, rather than once per trader.
 */
export function bookTop(b: BookSnapshot): Top {
  if (b !== lastBook || !lastTop) {
    lastBook = b;
    lastTop = Object.freeze({ bid: b.bids[0]?.price, ask: b.asks[0]?.price, bidSize: b.bids[0]?.size ?? 0, askSize: b.asks[0]?.size ?? 0, ts: b.ts });
  }
  return lastTop;
}

import type { Exposure } from "./Exposure.ts";
import { secs } from "./format.ts";

/** No new position on market data older than the limit: the spot tick's or the market's book, whichever is older. */
export function staleData(x: Exposure): string | undefined {
  const age = Math.max(x.spotAgeMs, x.bookAgeMs);
  if (age <= x.dataLimitMs) return undefined;
  return `stale market data: ${x.bookAgeMs >= x.spotAgeMs ? "book" : "spot"} ${secs(age)} old (limit ${secs(x.dataLimitMs)})`;
}

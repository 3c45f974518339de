import type { BusHealth } from "../bus/index.ts";
import { clock, feedSummary, type FeedHealthView } from "../runner/index.ts";
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** "1 disconnect, 0 reconnects". */
export const busCounts = (b: BusHealth) => `${plural(b.disconnects, "disconnect")}, ${plural(b.reconnects, "reconnect")}`;

/** The bus's state for a status line: "bus connected", "bus DOWN since 22:01:07 (lost the connection to ...; 1 disconnect, 0 reconnects)". */
export function busSummary(b: BusHealth): string {
  const counts = b.disconnects > 0 ? busCounts(b) : "";
  if (b.state === "connected") return `bus connected${counts ? ` (${counts})` : ""}`;
  return `bus DOWN since ${clock(b.since)} (${[b.lastError, counts].filter(Boolean).join("; ")})`;
}

/** The status line's health part: each feed that reported, then the bus. */
export function healthParts(s: { feeds?: Record<string, FeedHealthView>; bus?: BusHealth }): string[] {
  const feeds = Object.entries(s.feeds ?? {}).map(([source, v]) => feedSummary(source, v));
  return [...(feeds.length ? [`feeds ${feeds.join(", ")}`] : []), ...(s.bus ? [busSummary(s.bus)] : [])];
}

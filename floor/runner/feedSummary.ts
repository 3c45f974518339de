import type { FeedHealthView } from "./FeedWatch.ts";

/** HH:MM:SS (UTC) of a time in ms. */
export const clock = (ms: number) => new Date(ms).toISOString().slice(11, 19);

/** One source for a status line or an error: "clob reconnecting since 22:00:16 (connection refused to 127.0.0.1:9)". */
export function feedSummary(source: string, v: FeedHealthView): string {
  if (v.status === "ok") return `${source} ok`;
  return `${source} ${v.status} since ${clock(v.since)}${v.lastError ? ` (${v.lastError})` : ""}`;
}

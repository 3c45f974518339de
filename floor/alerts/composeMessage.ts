import type { Alert } from "./Alert.ts";

/** Alerts not sent because the queue was full, by kind. */
export type DroppedCounts = Readonly<Record<string, number>>;

const floorTime = (ts: number) => `${new Date(ts).toISOString().slice(0, 19).replace("T", " ")} UTC`;
const clip = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, Math.max(0, max - 1))}…`);

/** "3 more alerts were dropped (the queue was full): violation 2, crash 1", or nothing. */
export function droppedNote(dropped: DroppedCounts): string | undefined {
  const kinds = Object.entries(dropped).filter(([, n]) => n > 0);
  const total = kinds.reduce((s, [, n]) => s + n, 0);
  if (total === 0) return undefined;
  return `${total} more alert${total === 1 ? " was" : "s were"} dropped (the queue was full): ${kinds.map(([k, n]) => `${k} ${n}`).join(", ")}`;
}

/**
 * The text of one message: one alert as it reads, or several (coalesced by the rate limit) as a
 * count and a line each, then the dropped count; every line scrubbed of secrets before it is
 * measured, the whole at most `maxChars`, lines that do not fit counted instead.
 */
export function composeMessage(alerts: readonly Alert[], dropped: DroppedCounts, maxChars: number, scrub: (s: string) => string): string {
  const note = droppedNote(dropped);
  const head = alerts.length === 1 ? "polyfloor" : `polyfloor: ${alerts.length} alerts (held back by the rate limit)`;
  const lines = alerts.map((a) => scrub(`${alerts.length === 1 ? "" : "- "}[${floorTime(a.ts)}] ${a.text}`));
  const tail = note ? [note] : [];
  // What the alert lines may take; each line reserves room for the count of those after it that may not fit.
  const budget = maxChars - [head, ...tail].join("\n").length;
  const out: string[] = [];
  let used = 0;
  for (let i = 0; i < lines.length; i++) {
    const after = lines.length - i - 1;
    const room = budget - used - 1 - (after > 0 ? `(${after} more not shown)`.length + 1 : 0);
    if (i > 0 && lines[i]!.length > room) {
      out.push(`(${lines.length - i} more not shown)`);
      break;
    }
    const line = clip(lines[i]!, room); // the first always shows, clipped if it must be
    out.push(line);
    used += line.length + 1;
  }
  return clip([head, ...out, ...tail].join("\n"), maxChars);
}

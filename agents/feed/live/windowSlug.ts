import { marketSlug, windowStart } from "../marketWindow.ts";

/** Start (ms) of the `minutes`-long window that contains `ms` (windows are aligned to the epoch). */
export function windowStartMs(minutes: number, ms: number): number {
  return windowStart(ms, minutes * 60_000);
}

/** Polymarket's event slug of the window containing `ms`, e.g. `btc-updown-15m-1784850300`. */
export function windowSlug(asset: string, minutes: number, ms: number): string {
  return marketSlug(asset, minutes, windowStartMs(minutes, ms));
}

/** Start times (ms) of the window containing `ms` and of the one after it. */
export function currentAndNext(minutes: number, ms: number): [current: number, next: number] {
  const start = windowStartMs(minutes, ms);
  return [start, start + minutes * 60_000];
}

/** The window start (ms) encoded in an Up/Down slug, or undefined when it has none. */
export function slugStartMs(slug: string): number | undefined {
  const m = /-updown-\d+m-(\d{9,11})$/.exec(slug);
  return m ? Number(m[1]) * 1000 : undefined;
}

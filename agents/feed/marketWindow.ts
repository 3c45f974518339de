import { createHash } from "node:crypto";

/** Start of the window of length `lenMs` that contains `ts` (windows are aligned to the epoch, like Polymarket's). */
export function windowStart(ts: number, lenMs: number): number {
  return Math.floor(ts / lenMs) * lenMs;
}

/** Polymarket's rule: a close at least the strike resolves Up (a tie is Up). Prices in any one unit (the sim's are micro-USD). */
export function outcomeOf(endPrice: number, strike: number): "Up" | "Down" {
  return endPrice >= strike ? "Up" : "Down";
}

/** Polymarket's slug for an Up/Down window: `btc-updown-15m-<start unix seconds>`. */
export function marketSlug(asset: string, minutes: number, startMs: number): string {
  return `${asset.toLowerCase()}-updown-${minutes}m-${Math.floor(startMs / 1000)}`;
}

/** A deterministic 77-digit token id (the shape of a real CLOB token id) for a simulated outcome. */
export function simTokenId(seed: string | number, slug: string, outcome: "Up" | "Down"): string {
  const h = BigInt(`0x${createHash("sha256").update(`${seed}|${slug}|${outcome}`).digest("hex")}`);
  const lo = 10n ** 76n;
  return (lo + (h % (9n * lo))).toString();
}

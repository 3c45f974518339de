/**
 * A spot price series sorted by time: ticks (one price per timestamp) or the opens of 1-minute
 * candles (the price known at each candle's open). Prices are floats in USD: model inputs and
 * comparisons, never sums of money.
 */
export interface SpotSeries {
  readonly symbol: string;
  readonly kind: "ticks" | "candles-1m";
  readonly ts: Float64Array;
  readonly price: Float64Array;
  /**
   * Base-asset volume where the source records it: a candle's volume (traded from its open to
   * its close, so known only at the close), or a tick's volume since the previous tick.
   */
  readonly volume?: Float64Array;
}

/** Index of the last point at or before `t`, or -1. */
export function indexAtOrBefore(s: SpotSeries, t: number): number {
  let lo = 0;
  let hi = s.ts.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (s.ts[mid]! <= t) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/**
 * The base volume that became known in (from, to]: a candle's at its close (its open plus a
 * minute), a tick's at the tick. Undefined when the series records no volume. A feed that
 * publishes it with each tick, from the previous tick's time to this one's, tells a strategy only
 * what had traded by then.
 */
export function volumeKnownIn(s: SpotSeries, from: number, to: number): number | undefined {
  if (!s.volume) return undefined;
  const lag = s.kind === "candles-1m" ? 60_000 : 0;
  let sum = 0;
  for (let i = indexAtOrBefore(s, to - lag); i >= 0 && s.ts[i]! > from - lag; i--) sum += s.volume[i]!;
  return sum;
}

/**
 * The price in force at `t`: the last point at or before it, if no older than `maxAgeMs`
 * (a gap in the data means no price, not a stale one).
 */
export function priceAt(s: SpotSeries, t: number, maxAgeMs: number): number | undefined {
  const i = indexAtOrBefore(s, t);
  if (i < 0 || t - s.ts[i]! > maxAgeMs) return undefined;
  return s.price[i]!;
}

/**
 * Time-weighted average over (t − lookbackMs, t]: each price weighs for as long as it was in
 * force inside the window. Undefined when the window is not fully covered by data.
 */
export function twapAt(s: SpotSeries, t: number, lookbackMs: number, maxGapMs: number): number | undefined {
  const from = t - lookbackMs;
  let i = indexAtOrBefore(s, from);
  if (i < 0 || from - s.ts[i]! > maxGapMs) return undefined;
  let sum = 0;
  for (let at = from; at < t; i++) {
    const next = i + 1 < s.ts.length && s.ts[i + 1]! < t ? s.ts[i + 1]! : t;
    if (next - s.ts[i]! > maxGapMs) return undefined; // a price held too long without a new point: a gap
    sum += s.price[i]! * (next - at);
    at = next;
  }
  return sum / lookbackMs;
}

/**
 * The price a window settles on at `t`: the point at exactly `t`; when the recording lacks it,
 * the first point after `t`, else the last before, each within `tolMs`. (Settlement is decided
 * after the close, so looking past `t` is fair here; trading must use `priceAt`.)
 */
export function settlePriceAt(s: SpotSeries, t: number, tolMs: number): number | undefined {
  const i = indexAtOrBefore(s, t);
  if (i >= 0 && s.ts[i] === t) return s.price[i]!;
  const j = i + 1;
  if (j < s.ts.length && s.ts[j]! - t <= tolMs) return s.price[j]!;
  if (i >= 0 && t - s.ts[i]! <= tolMs) return s.price[i]!;
  return undefined;
}

import { z } from "zod";

/**
 * Money, prices and share counts travel and rest as integers of micro-units
 * (1 USD = 1_000_000, 1 share = 1_000_000, price 0.52 = 520_000), so sums are exact.
 */
export const MICRO = 1_000_000;

/** The venue's size granularity: order sizes in hundredths of a share, as the CLOB takes them (micro-shares). */
export const SHARE_STEP = 10_000;

/** An integer count of micro-units (may be negative for deltas). */
export const Micro = z.number().int().safe();
/** A price of a binary outcome token in micro-USD: strictly between 0 and 1 USD. */
export const PriceMicro = z.number().int().min(1).max(MICRO - 1);

/** Exact decimal string ("0.52", "-3.1", "1e-3" not accepted) to micro-units; throws on more than 6 decimals. */
export function microFromDecimal(text: string): number {
  const m = /^(-)?(\d+)(?:\.(\d{1,6}))?$/.exec(text.trim());
  if (!m) throw new RangeError(`not a decimal with at most 6 places: ${JSON.stringify(text)}`);
  const [, sign, whole = "0", frac = ""] = m;
  const value = Number(whole) * MICRO + Number(frac.padEnd(6, "0"));
  if (!Number.isSafeInteger(value)) throw new RangeError(`decimal out of range: ${text}`);
  return sign ? -value : value;
}

/** A float quantity (from a model, not a sum) rounded once to micro-units. */
export function microFromNumber(x: number): number {
  if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
  return Math.round(x * MICRO);
}

/** Micro-units to a plain number of units, for display and JSON reports only. */
export function toUnits(micro: number): number {
  return micro / MICRO;
}

/** a × b / 1e6 rounded half away from zero, exact for any pair of safe integers (price × size = notional). */
export function mulMicro(a: number, b: number): number {
  const p = BigInt(a) * BigInt(b);
  const q = p / 1_000_000n;
  const r = p % 1_000_000n;
  const away = (r < 0n ? -r : r) * 2n >= 1_000_000n;
  return Number(away ? q + (p < 0n ? -1n : 1n) : q);
}

/** a × 1e6 / b rounded toward zero (notional / price = shares), exact for safe integers. */
export function divMicro(a: number, b: number): number {
  if (b === 0) throw new RangeError("division by zero");
  return Number((BigInt(a) * 1_000_000n) / BigInt(b));
}

/** Fixed 6-decimal text of a micro amount, e.g. 1_500_000 -> "1.500000". */
export function formatMicro(micro: number): string {
  const sign = micro < 0 ? "-" : "";
  const abs = Math.abs(micro);
  return `${sign}${Math.floor(abs / MICRO)}.${String(abs % MICRO).padStart(6, "0")}`;
}

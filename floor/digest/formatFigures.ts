/**
 * How the digest prints its numbers. Money is micro-USD integers rounded once to cents, half away
 * from zero, with an ASCII minus so the text parses back; a figure that cannot be computed is
 * printed as "n/a (why)", never as 0.
 */

/** Micro-USD as dollars and cents: 1_234_565_000 -> "$1,234.57", -5_000 -> "-$0.01". */
export function usd(micro: number): string {
  if (!Number.isSafeInteger(micro)) throw new RangeError(`money is a micro-USD integer: ${micro}`);
  const abs = Math.abs(micro);
  const cents = Math.floor((abs + 5_000) / 10_000);
  const whole = Math.floor(cents / 100).toLocaleString("en-US");
  const text = `$${whole}.${String(cents % 100).padStart(2, "0")}`;
  return micro < 0 && cents > 0 ? `-${text}` : text;
}

/** A float amount of micro-USD (an interval's bound) rounded to a whole micro first. */
export const usdOf = (microFloat: number): string => (Number.isFinite(microFloat) ? usd(Math.round(microFloat)) : microFloat > 0 ? "+inf" : "-inf");

/** A ratio with `digits` decimals: 1.23456 -> "1.2346". */
export const ratio = (x: number, digits = 4): string => x.toFixed(digits);

/** A fraction as a percentage: 0.5625 -> "56.25%". */
export const pct = (x: number, digits = 2): string => `${(x * 100).toFixed(digits)}%`;

/** A duration of floor time: 5_400_000 -> "1h30m", 0 -> "0m". */
export function hours(ms: number): string {
  const m = Math.round(ms / 60_000);
  const h = Math.floor(m / 60);
  return h > 0 ? `${h}h${String(m % 60).padStart(2, "0")}m` : `${m}m`;
}

/** `shown(x)` when there is a value, else "n/a (why)". */
export function orNa<T>(x: T | null | undefined, shown: (x: T) => string, why: string): string {
  return x === null || x === undefined ? `n/a (${why})` : shown(x);
}

import { MICRO } from "../../../protocols/index.ts";

const DECIMAL = /^(\d*)(?:\.(\d*))?$/;

/**
 * A Polymarket decimal string ("0.52", ".48", "2200.8", "8.196725") to integer micro-units.
 * More than 6 decimals round half up at the 6th. Returns undefined for anything that is not a
 * plain non-negative decimal or does not fit a safe integer: the caller counts it as malformed.
 */
export function decimalMicro(text: string): number | undefined {
  if (text.length === 0 || text.length > 40) return undefined;
  const m = DECIMAL.exec(text);
  if (!m) return undefined;
  const whole = m[1] ?? "";
  const frac = m[2] ?? "";
  if (whole === "" && frac === "") return undefined;
  let micro = Number(whole || "0") * MICRO + Number(frac.slice(0, 6).padEnd(6, "0"));
  if (frac.length > 6 && Number(frac[6]) >= 5) micro += 1;
  return Number.isSafeInteger(micro) ? micro : undefined;
}

/** A decimal that may arrive as "" (Polymarket's "no value"): undefined when empty, `null` when invalid. */
export function optionalDecimalMicro(text: string | undefined): number | undefined | null {
  if (text === undefined || text === "") return undefined;
  return decimalMicro(text) ?? null;
}

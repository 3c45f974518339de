import { FeeCurrency, FeeSchedule } from "../../protocols/index.ts";
import { UsageError } from "./UsageError.ts";

const FORM = "RATE,EXPONENT[,CURRENCY] (e.g. 0.07,1 or 0.25,2,shares; CURRENCY usd or shares)";

/** A number in [min, max] from an option's text, or a usage error naming the option. */
function number(what: string, text: string, min: number, max: number): number {
  const x = text.trim() === "" ? NaN : Number(text);
  if (!Number.isFinite(x) || x < min || x > max) throw new UsageError(`${what} must be a number from ${min} to ${max}: got ${JSON.stringify(text)}`);
  return x;
}

/**
 * `--fees RATE,EXPONENT[,CURRENCY]`: a what-if taker fee schedule, shares × rate × (p(1−p))^exponent,
 * takers only, in pUSD unless CURRENCY says shares. Rebates come from their own options.
 */
export function parseFeesOption(text: string): FeeSchedule {
  const parts = text.split(",").map((p) => p.trim());
  if (parts.length < 2 || parts.length > 3) throw new UsageError(`--fees expects ${FORM}: got ${JSON.stringify(text)}`);
  const rate = number("--fees RATE", parts[0]!, 0, 1);
  const exponent = number("--fees EXPONENT", parts[1]!, 0, 4);
  const currency = FeeCurrency.safeParse((parts[2] ?? "usd").toLowerCase());
  if (!currency.success) throw new UsageError(`--fees CURRENCY must be usd or shares: got ${JSON.stringify(parts[2])}`);
  return FeeSchedule.parse({ rate, exponent, takerOnly: true, currency: currency.data });
}

/** `--maker-rebate R` / `--taker-rebate R`: a share of the taker fee paid back, from 0 to 1. */
export function parseRebateOption(flag: string, text: string): number {
  return number(flag, text, 0, 1);
}

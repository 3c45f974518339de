import { feeCurrency, MICRO } from "../../protocols/index.ts";
import type { FeeSchedule } from "../../protocols/index.ts";

/**
 * pUSD fees are "rounded to 5 decimal places… smallest fee 0.00001 pUSD" (the venue's
 * maker-rebates page, research-2026-12.md §4.4): 10 micro-units. Rounded half up here, as the
 * docs say "rounded"; nautilus floors instead, so a fill may differ by 0.00001 until one live
 * fill settles which.
 */
const USD_FEE_STEP = 10;

/**
 * Polymarket's taker fee for `size` shares at `price` (both micro-units):
 * shares × rate × (p(1−p))^exponent, in the schedule's currency. "usd" (the default): both sides
 * pay it in pUSD, rounded to 5 decimals. "shares": a buy pays it in shares (fewer tokens arrive),
 * a sell in USD, to the micro-unit as before. Makers pay nothing when the schedule is taker-only.
 */
export function takerFee(side: "BUY" | "SELL", size: number, price: number, fee: FeeSchedule, liquidity: "taker" | "maker" = "taker"): { feeShares: number; feeUsd: number } {
  if (fee.rate === 0 || (liquidity === "maker" && fee.takerOnly)) return { feeShares: 0, feeUsd: 0 };
  const p = price / MICRO;
  const raw = size * fee.rate * (p * (1 - p)) ** fee.exponent;
  if (feeCurrency(fee) === "usd") return { feeShares: 0, feeUsd: Math.round(raw / USD_FEE_STEP) * USD_FEE_STEP };
  const amount = Math.round(raw);
  return side === "BUY" ? { feeShares: amount, feeUsd: 0 } : { feeShares: 0, feeUsd: amount };
}

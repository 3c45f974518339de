import { MICRO } from "../../protocols/index.ts";
import type { FeeSchedule } from "../../protocols/index.ts";

/**
 * Polymarket's taker fee for `size` shares at `price` (both micro-units):
 * shares × rate × (p(1−p))^exponent. Buys pay it in shares (fewer tokens arrive), sells in USD.
 * Makers pay nothing when the schedule is taker-only.
 */
export function takerFee(side: "BUY" | "SELL", size: number, price: number, fee: FeeSchedule, liquidity: "taker" | "maker" = "taker"): { feeShares: number; feeUsd: number } {
  if (fee.rate === 0 || (liquidity === "maker" && fee.takerOnly)) return { feeShares: 0, feeUsd: 0 };
  const p = price / MICRO;
  const amount = Math.round(size * fee.rate * (p * (1 - p)) ** fee.exponent);
  return side === "BUY" ? { feeShares: amount, feeUsd: 0 } : { feeShares: 0, feeUsd: amount };
}

import { mulMicro, type FeeSchedule } from "../../../protocols/index.ts";
import { takerFee } from "../../../floor/pricing/index.ts";

/**
 * What a buy of `size` at `price` may cost: its notional plus the taker fee when the market takes
 * it in pUSD (an order may take, so the fee counts even if it ends up resting). A sell costs nothing.
 */
export function orderCost(side: "BUY" | "SELL", price: number, size: number, fee: FeeSchedule | undefined): number {
  if (side === "SELL") return 0;
  const usdFee = fee ? takerFee("BUY", size, price, fee).feeUsd : 0;
  return mulMicro(price, size) + usdFee;
}

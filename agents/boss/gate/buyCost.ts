import { mulMicro, type FeeSchedule } from "../../../protocols/index.ts";
import { takerFee } from "../../../floor/pricing/index.ts";

/**
 * What a buy can cost: price × size, plus its taker fee when the schedule takes it in pUSD (an
 * order may take liquidity, so the fee is counted even if it ends up resting). A fee in shares
 * costs no cash. Never decreasing in size (the fee rounds to whole steps), so a cap can be fitted.
 */
export function buyCost(price: number, size: number, fee: FeeSchedule | undefined): number {
  return mulMicro(price, size) + (fee ? takerFee("BUY", size, price, fee).feeUsd : 0);
}

/**
 * What one share that arrives costs after the fee, as a probability: (price × size + pUSD fee) /
 * size, or price × size / (size − fee shares) under a fee in shares. A post-only order never
 * takes, so it pays none. The edge check compares the trader's belief with this.
 */
export function costPerShare(price: number, size: number, fee: FeeSchedule | undefined, postOnly = false): number {
  if (!fee || postOnly) return price / 1e6;
  const { feeShares, feeUsd } = takerFee("BUY", size, price, fee);
  return (mulMicro(price, size) + feeUsd) / (size - feeShares);
}

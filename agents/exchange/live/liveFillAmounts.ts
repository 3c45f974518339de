import { VENUE_TICK_SIZES, type FeeSchedule } from "../../../protocols/index.ts";
import { bookFill, makerFill } from "../bookFill.ts";

export interface FillAmounts {
  feeShares: number;
  feeUsd: number;
  cashDelta: number;
  sharesDelta: number;
  rebate: number;
}

/**
 * What a venue fill does to our cash and shares, by the market's fee schedule, with the same
 * functions the paper engine books by: a taker pays the fee (buys in shares, sells in USD); a
 * maker pays none and accrues its share of the taker's fee as a rebate.
 */
export function liveFillAmounts(side: "BUY" | "SELL", price: number, size: number, liquidity: "taker" | "maker", fee: FeeSchedule): FillAmounts {
  if (liquidity === "taker") return { ...bookFill(side, price, size, fee), rebate: 0 };
  return makerFill(side, price, size, fee, fee.rebateRate ?? 0);
}

export type TickSizeText = (typeof VENUE_TICK_SIZES)[number];

/** The client's tick-size string for a tick in micro-units; undefined (the executor asks the venue) if it is not one the CLOB uses. */
export function tickSizeText(tickMicro: number): TickSizeText | undefined {
  return VENUE_TICK_SIZES.find((t) => Math.round(Number(t) * 1_000_000) === tickMicro);
}

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
 * functions the paper engine books by. The venue's trade payload gives the matched (gross) size
 * and price; what the taker's fee does to them depends on the schedule's currency:
 * - "usd" (the current docs, research-2026-12.md §4.4): a buy receives the whole `size` and pays
 *   price × size + fee in pUSD; a sell pays the fee out of its proceeds;
 * - "shares" (polymarket.md §3.5, py-clob-client#247, pre-V2): a buy receives `size` less the fee
 *   in shares, which is why a sell of the "filled size" then fails; a sell pays in USD.
 * Which one the venue does is to be checked on one live fill (docs/LIVE.md, Fees).
 * A maker pays none and accrues its share of the taker's fee as a rebate; a taker accrues its
 * taker rebate, if the schedule has one.
 */
export function liveFillAmounts(side: "BUY" | "SELL", price: number, size: number, liquidity: "taker" | "maker", fee: FeeSchedule): FillAmounts {
  if (liquidity === "taker") return bookFill(side, price, size, fee);
  return makerFill(side, price, size, fee, fee.rebateRate ?? 0);
}

export type TickSizeText = (typeof VENUE_TICK_SIZES)[number];

/** The client's tick-size string for a tick in micro-units; undefined (the executor asks the venue) if it is not one the CLOB uses. */
export function tickSizeText(tickMicro: number): TickSizeText | undefined {
  return VENUE_TICK_SIZES.find((t) => Math.round(Number(t) * 1_000_000) === tickMicro);
}

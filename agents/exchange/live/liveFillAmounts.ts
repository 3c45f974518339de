import { mulMicro, type FeeSchedule } from "../../../protocols/index.ts";
import { takerFee } from "../../../floor/pricing/index.ts";
import { bookFill } from "../bookFill.ts";

export interface FillAmounts {
  feeShares: number;
  feeUsd: number;
  cashDelta: number;
  sharesDelta: number;
  rebate: number;
}

/**
 * What a venue fill does to our cash and shares, by the market's fee schedule: a taker pays the
 * fee (buys in shares, sells in USD), exactly as the paper engine books it; a maker pays none and
 * accrues its share of the taker's fee as a rebate (paid by the venue later, so not in cash).
 */
export function liveFillAmounts(side: "BUY" | "SELL", price: number, size: number, liquidity: "taker" | "maker", fee: FeeSchedule): FillAmounts {
  if (liquidity === "taker") return { ...bookFill(side, price, size, fee), rebate: 0 };
  const notional = mulMicro(price, size);
  const rebate = Math.round(takerFee("SELL", size, price, fee).feeUsd * (fee.rebateRate ?? 0));
  return { feeShares: 0, feeUsd: 0, rebate, cashDelta: side === "BUY" ? -notional : notional, sharesDelta: side === "BUY" ? size : -size };
}

const TICKS = ["0.1", "0.01", "0.005", "0.0025", "0.001", "0.0001"] as const;
export type TickSizeText = (typeof TICKS)[number];

/** The client's tick-size string for a tick in micro-units; undefined (the executor asks the venue) if it is not one the CLOB uses. */
export function tickSizeText(tickMicro: number): TickSizeText | undefined {
  return TICKS.find((t) => Math.round(Number(t) * 1_000_000) === tickMicro);
}

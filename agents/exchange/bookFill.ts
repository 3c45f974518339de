import { mulMicro, type FeeSchedule } from "../../protocols/index.ts";
import { takerFee } from "../../floor/pricing/index.ts";

/**
 * Cash and share movements of one taker fill, in the schedule's fee currency. pUSD (the default):
 * a buy pays price × size plus the fee and receives every share; a sell receives price × size less
 * the fee. Shares: a buy pays price × size and its fee comes out of the shares received.
 * A taker rebate (the Taker Rebate Program), when the schedule has one, accrues on the fee's USD
 * value (a share fee at the fill price); the venue pays it later, so it is not in cash.
 */
export function bookFill(side: "BUY" | "SELL", price: number, size: number, fee: FeeSchedule): { feeShares: number; feeUsd: number; rebate: number; cashDelta: number; sharesDelta: number } {
  const notional = mulMicro(price, size);
  const f = takerFee(side, size, price, fee);
  const rebate = fee.takerRebateRate ? Math.round((f.feeUsd + mulMicro(f.feeShares, price)) * fee.takerRebateRate) : 0;
  return side === "BUY"
    ? { ...f, rebate, cashDelta: -notional - f.feeUsd, sharesDelta: size - f.feeShares }
    : { ...f, rebate, cashDelta: notional - f.feeUsd, sharesDelta: -size };
}

/**
 * Cash and share movements of one maker fill (our resting order was hit at its own price): no
 * fee; a rebate accrues from the taker's fee at that price (paid by the venue later, so not in cash).
 */
export function makerFill(side: "BUY" | "SELL", price: number, size: number, fee: FeeSchedule, rebateRate: number): { feeShares: 0; feeUsd: 0; rebate: number; cashDelta: number; sharesDelta: number } {
  const notional = mulMicro(price, size);
  // The counterparty's taker fee at this price: the fee formula's amount, taken as USD for the rebate pool.
  const rebate = Math.round(takerFee("SELL", size, price, fee).feeUsd * rebateRate);
  return { feeShares: 0, feeUsd: 0, rebate, cashDelta: side === "BUY" ? -notional : notional, sharesDelta: side === "BUY" ? size : -size };
}

import { mulMicro, type FeeSchedule } from "../../protocols/index.ts";
import { takerFee } from "../../floor/pricing/index.ts";

/**
 * Cash and share movements of one taker fill. A buy pays price × size in cash and its fee in
 * shares; a sell receives price × size less its fee in cash and gives up the shares.
 */
export function bookFill(side: "BUY" | "SELL", price: number, size: number, fee: FeeSchedule): { feeShares: number; feeUsd: number; cashDelta: number; sharesDelta: number } {
  const notional = mulMicro(price, size);
  const f = takerFee(side, size, price, fee);
  return side === "BUY"
    ? { ...f, cashDelta: -notional, sharesDelta: size - f.feeShares }
    : { ...f, cashDelta: notional - f.feeUsd, sharesDelta: -size };
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

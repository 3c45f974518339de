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

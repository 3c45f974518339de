import { mulMicro, type OrderFill } from "../../protocols/index.ts";

export interface ApprovedOrder {
  side: "BUY" | "SELL";
  price: number;
  size: number;
}

/** The fill fields the rules read; the money fields are checked when the fill carries them. */
export type CheckedFill = Pick<OrderFill, "price" | "size" | "side"> & Partial<Pick<OrderFill, "feeShares" | "feeUsd" | "cashDelta" | "sharesDelta">>;

/**
 * Rules every fill must keep: it answers an approved order, within its limit and size, and its
 * cash and shares are its notional and its fee, in whichever currency the fee was taken (pUSD on
 * either side, or shares on a buy): a buy books −(notional + USD fee) and size − share fee, a sell
 * notional − USD fee and −size.
 */
export function checkFill(fill: CheckedFill, approved: ApprovedOrder | undefined, filledBefore: number): string | undefined {
  if (!approved) return "fill without an approved decision";
  if (fill.side !== approved.side) return `fill side ${fill.side} differs from the approved ${approved.side}`;
  if (fill.side === "BUY" ? fill.price > approved.price : fill.price < approved.price) return `fill price ${fill.price} beyond the limit ${approved.price}`;
  if (filledBefore + fill.size > approved.size) return `fills total ${filledBefore + fill.size} over the approved size ${approved.size}`;
  return checkFillMoney(fill);
}

function checkFillMoney(f: CheckedFill): string | undefined {
  if (f.cashDelta === undefined || f.sharesDelta === undefined) return undefined;
  const feeShares = f.feeShares ?? 0;
  const feeUsd = f.feeUsd ?? 0;
  if (feeShares > 0 && feeUsd > 0) return `fill charges its fee twice: ${feeShares} in shares and ${feeUsd} in USD`;
  if (f.side === "SELL" && feeShares > 0) return `a sell's fee taken in shares (${feeShares})`;
  const notional = mulMicro(f.price, f.size);
  const cash = f.side === "BUY" ? -notional - feeUsd : notional - feeUsd;
  const shares = f.side === "BUY" ? f.size - feeShares : -f.size;
  if (f.cashDelta !== cash || f.sharesDelta !== shares) return `fill books cash ${f.cashDelta} and shares ${f.sharesDelta}; its notional and fee make ${cash} and ${shares}`;
  return undefined;
}

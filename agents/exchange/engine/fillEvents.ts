import { MICRO, type FeeSchedule } from "../../../protocols/index.ts";
import { bookFill, makerFill } from "../bookFill.ts";
import type { EngineConfig, EngineOrder, FillCause, FillEvent } from "./types.ts";

/** Our order took `size` from the Up level at `upLevelPrice`: reported in the order's own outcome and price. */
export function takerFillEvent(o: EngineOrder, upLevelPrice: number, size: number, at: number, fillId: string, fee: FeeSchedule): FillEvent {
  const price = o.outcome === "Up" ? upLevelPrice : MICRO - upLevelPrice;
  const f = bookFill(o.side, price, size, fee);
  return {
    type: "fill", at, orderId: o.orderId, fillId, outcome: o.outcome, side: o.side, price, size,
    liquidity: "taker", cause: "take", feeShares: f.feeShares, feeUsd: f.feeUsd, rebate: f.rebate, cashDelta: f.cashDelta, sharesDelta: f.sharesDelta,
  };
}

/** Our resting order was hit for `size` at its own price: no fee, and a rebate from the taker's fee. */
export function makerFillEvent(o: EngineOrder, size: number, cause: FillCause, at: number, fillId: string, cfg: Pick<EngineConfig, "fee" | "rebateRate">): FillEvent {
  const f = makerFill(o.side, o.price, size, cfg.fee, cfg.rebateRate);
  return {
    type: "fill", at, orderId: o.orderId, fillId, outcome: o.outcome, side: o.side, price: o.price, size,
    liquidity: "maker", cause, feeShares: f.feeShares, feeUsd: f.feeUsd, rebate: f.rebate, cashDelta: f.cashDelta, sharesDelta: f.sharesDelta,
  };
}

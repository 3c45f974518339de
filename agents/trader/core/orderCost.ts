import { mulMicro, type FeeSchedule } from "../../../protocols/index.ts";
import { takerFee } from "../../../floor/pricing/index.ts";
import type { Signal } from "./Action.ts";

/** Cash a buy of `size` can take (micro-USD): price × size, plus the taker fee in pUSD unless it is post-only (a maker pays none). */
export function orderCost(o: Pick<Signal, "price" | "postOnly">, size: number, fee: FeeSchedule): number {
  return mulMicro(o.price, size) + (o.postOnly ? 0 : takerFee("BUY", size, o.price, fee).feeUsd);
}

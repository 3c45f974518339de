import type { UserOrderEvent } from "../../../floor/adapters/polymarket/index.ts";
/** The venue's CANCELLATION says no why: a GTD whose expiry has come expired; anything else was cancelled there. */
export function venueCancelReason(o: Pick<UserOrderEvent, "order_type" | "expiration">, nowMs: number): "expired" | "cancelled at the venue" {
  const exp = Number(o.expiration ?? 0);
  return o.order_type?.toUpperCase() === "GTD" && exp > 0 && exp * 1000 <= nowMs + 1000 ? "expired" : "cancelled at the venue";
}

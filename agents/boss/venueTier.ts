import { subjects, VENUE_RATE_TIERS, type RiskConfig, type VenueRateTier } from "../../protocols/index.ts";
import type { PublishEmitted } from "../../floor/host/index.ts";
import { resize, type BucketRate, type RiskState } from "./breakers/index.ts";

/** A tier's two buckets as token-bucket rates. */
export function ratesOf(tier: VenueRateTier): { orders: BucketRate; cancels: BucketRate } {
  const t = VENUE_RATE_TIERS[tier];
  return { orders: { perSec: t.orderPerSec, burst: t.orderBurst }, cancels: { perSec: t.cancelPerSec, burst: t.cancelBurst } };
}

/** The limits in force: the configured ones, with the tier the venue reported (live only) in place of `venueTier`. */
export function limitsInForce(risk: RiskConfig, reported: VenueRateTier | undefined): RiskConfig {
  return reported === undefined || reported === risk.venueTier ? risk : { ...risk, venueTier: reported };
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * The venue moved the signer from tier `from` to `to` at floor time `now`: both buckets resized
 * (what was spent stays spent; see `resize`), and the audit fact that says so with the numbers.
 */
export function retier(book: RiskState, from: VenueRateTier, to: VenueRateTier, now: number, source: string): { book: RiskState; audit: PublishEmitted } {
  const [a, b] = [ratesOf(from), ratesOf(to)];
  const orders = resize(book.orders, now, a.orders, b.orders);
  const cancels = resize(book.cancels, now, a.cancels, b.cancels);
  const detail = {
    from, to, source,
    orderPerSec: b.orders.perSec, orderBurst: b.orders.burst, orderTokens: round2(orders.tokens),
    cancelPerSec: b.cancels.perSec, cancelBurst: b.cancels.burst, cancelTokens: round2(cancels.tokens),
  };
  return { book: { ...book, orders, cancels }, audit: { type: "publish", subject: subjects.audit("venue_tier"), body: { kind: "venue_tier", severity: "info", detail } } };
}

import { z } from "zod";

/**
 * The venue's per-signer trading rate limits by tier: separate order and cancel token buckets
 * (docs.polymarket.com/api-reference/trading-rate-limits; research-2026-12.md §4.1 has three rows,
 * the page has eight, as transcribed on 2026-08-05 in dilettante-trading/polyoxide's
 * docs/specs/clob/trading-rate-limits.md). A new account is Standard; the tier follows the maker
 * wallet's 30-day volume and is refreshed every 3 h.
 */
export const VENUE_RATE_TIERS = {
  standard: { orderPerSec: 40, orderBurst: 60, cancelPerSec: 80, cancelBurst: 120 },
  copper: { orderPerSec: 60, orderBurst: 90, cancelPerSec: 120, cancelBurst: 180 },
  bronze: { orderPerSec: 80, orderBurst: 120, cancelPerSec: 160, cancelBurst: 240 },
  silver: { orderPerSec: 200, orderBurst: 300, cancelPerSec: 400, cancelBurst: 600 },
  gold: { orderPerSec: 400, orderBurst: 600, cancelPerSec: 800, cancelBurst: 1200 },
  platinum: { orderPerSec: 450, orderBurst: 675, cancelPerSec: 900, cancelBurst: 1350 },
  diamond: { orderPerSec: 525, orderBurst: 787, cancelPerSec: 1050, cancelBurst: 1575 },
  elite: { orderPerSec: 600, orderBurst: 900, cancelPerSec: 1200, cancelBurst: 1800 },
} as const;

export const VenueRateTier = z.enum(["standard", "copper", "bronze", "silver", "gold", "platinum", "diamond", "elite"]);
export type VenueRateTier = z.infer<typeof VenueRateTier>;
export type VenueRates = (typeof VENUE_RATE_TIERS)[VenueRateTier];

/**
 * A tier name as the venue writes it (`Poly-RateLimit-Tier`, GET /v1/user/rate-limit-tier), in any
 * case and with spaces around it; undefined for a name this table does not have, so a tier the
 * venue adds later never widens a bucket by a guess.
 */
export function venueTierOf(text: unknown): VenueRateTier | undefined {
  if (typeof text !== "string") return undefined;
  const t = VenueRateTier.safeParse(text.trim().toLowerCase());
  return t.success ? t.data : undefined;
}

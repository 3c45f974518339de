import { z } from "zod";

/**
 * The venue's per-signer trading rate limits by tier: separate order and cancel token buckets
 * (research-2026-12.md §4.1, docs.polymarket.com/api-reference/trading-rate-limits). A new
 * account is Standard; the tier follows the maker wallet's 30-day volume, refreshed every 3 h.
 */
export const VENUE_RATE_TIERS = {
  standard: { orderPerSec: 40, orderBurst: 60, cancelPerSec: 80, cancelBurst: 120 },
  silver: { orderPerSec: 200, orderBurst: 300, cancelPerSec: 400, cancelBurst: 600 },
  elite: { orderPerSec: 600, orderBurst: 900, cancelPerSec: 1200, cancelBurst: 1800 },
} as const;

export const VenueRateTier = z.enum(["standard", "silver", "elite"]);
export type VenueRateTier = z.infer<typeof VenueRateTier>;
export type VenueRates = (typeof VENUE_RATE_TIERS)[VenueRateTier];

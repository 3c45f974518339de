import { z } from "zod";
import { Envelope } from "../envelope.ts";
import { VenueRateTier } from "../venueRates.ts";

const Count = z.number().int().nonnegative();

/**
 * The live exchange tells the boss the signer's rate tier as the venue reports it
 * (`order.venue.<exchangeId>`), on every read of GET /v1/user/rate-limit-tier and whenever a
 * trading response's `Poly-RateLimit-Tier` header names another. The boss sizes its order and
 * cancel buckets by it. The counts are the exchange's since it started, for the record.
 */
export const VenueTierReport = Envelope.extend({
  tier: VenueRateTier,
  /** `read`: the tier endpoint; `header`: a trading response's header. */
  source: z.enum(["read", "header"]),
  /** Reads that failed, and tier names the floor does not know (the last tier known was kept). */
  failedReads: Count,
  unknownTiers: Count,
  /** Responses marked `Poly-RateLimit-Warning: true`: requests the venue would refuse under enforcement. */
  warnings: Count,
});
export type VenueTierReport = z.infer<typeof VenueTierReport>;

import { describe, expect, it } from "vitest";
import { VENUE_RATE_TIERS, VenueRateTier, venueTierOf } from "./venueRates.ts";

describe("venue rate tiers", () => {
  it("reads a tier name in any case, trimmed, and nothing else", () => {
    expect(["Standard", " SILVER ", "elite", "Diamond"].map(venueTierOf)).toEqual(["standard", "silver", "elite", "diamond"]);
    for (const bad of ["mithril", "", "standard-plus", 3, undefined, null]) expect(venueTierOf(bad)).toBeUndefined();
  });
  it("keeps the published table: every tier refills cancels twice as fast as orders, and the tiers climb", () => {
    const rows = VenueRateTier.options.map((t) => VENUE_RATE_TIERS[t]);
    for (const r of rows) expect(r.cancelPerSec).toBe(2 * r.orderPerSec);
    // Transcribed, not derived: Diamond's order burst is 787 where 1.5 × 525 would say 787.5.
    expect(VENUE_RATE_TIERS.diamond.orderBurst).toBe(787);
    for (let k = 1; k < rows.length; k++) expect(rows[k]!.orderPerSec).toBeGreaterThan(rows[k - 1]!.orderPerSec);
    expect(VENUE_RATE_TIERS.standard).toEqual({ orderPerSec: 40, orderBurst: 60, cancelPerSec: 80, cancelBurst: 120 });
  });
});

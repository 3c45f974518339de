import { expect, it } from "vitest";
import { venueCancelReason } from "./venueCancelReason.ts";

const now = Date.UTC(2026, 10, 21, 8, 0, 0);

it("a GTD cancelled at or after its expiry expired; anything else was cancelled at the venue", () => {
  expect(venueCancelReason({ order_type: "GTD", expiration: String(now / 1000) }, now)).toBe("expired");
  expect(venueCancelReason({ order_type: "gtd", expiration: String(now / 1000 - 30) }, now)).toBe("expired");
  expect(venueCancelReason({ order_type: "GTD", expiration: String(now / 1000 + 60) }, now)).toBe("cancelled at the venue"); // cancelled early
  expect(venueCancelReason({ order_type: "GTC", expiration: "0" }, now)).toBe("cancelled at the venue");
  expect(venueCancelReason({}, now)).toBe("cancelled at the venue");
});

import { describe, expect, it } from "vitest";
import { durableConsumerName } from "./durableName.ts";

describe("durableConsumerName", () => {
  it("keeps JetStream's allowed characters, names the stream, and is stable", () => {
    const n = durableConsumerName("FLOOR_t1", "exchange-1.order.decision.*");
    expect(n).toMatch(/^FLOOR_t1__exchange-1_order_decision___[0-9a-f]{8}$/);
    expect(durableConsumerName("FLOOR_t1", "exchange-1.order.decision.*")).toBe(n);
  });

  it("tells apart names that clean to the same text, and the same name on two streams", () => {
    const names = [durableConsumerName("FLOOR", "a.order.*"), durableConsumerName("FLOOR", "a.order.>"), durableConsumerName("FLOOR", "a_order__"), durableConsumerName("FLOOR_p", "a.order.*")];
    expect(new Set(names).size).toBe(4);
  });

  it("bounds the length of a very long name", () => {
    expect(durableConsumerName("FLOOR", "x".repeat(500)).length).toBeLessThanOrEqual(120);
    expect(durableConsumerName("FLOOR", "x".repeat(500))).not.toBe(durableConsumerName("FLOOR", "x".repeat(499)));
  });
});

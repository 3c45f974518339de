import { describe, expect, it } from "vitest";
import { routeOptions } from "./routeOptions.ts";

describe("routeOptions", () => {
  it("makes stored-subject routes durable on NATS only, one name per route", () => {
    const taken = new Set<string>();
    expect(routeOptions("nats", "t1", "order.event.t1", taken)).toEqual({ durable: "t1.order.event.t1" });
    expect(routeOptions("nats", "t1", "order.event.t1", taken)).toEqual({ durable: "t1.order.event.t1#2" });
    expect(routeOptions("nats", "aud", "audit.>", taken)).toEqual({ durable: "aud.audit.>" });
    expect(routeOptions("nats", "t1", "md.book.*", taken)).toEqual({});
    expect(routeOptions("nats", "t1", "ctl.t1.*", taken)).toEqual({});
    expect(routeOptions("local", "t1", "order.event.t1", new Set())).toEqual({});
  });
  it("gives a durable route the seen store made for its name, and no other route one", () => {
    const seenOf = (durable: string) => ({ durable, has: () => false, add: () => undefined });
    expect(routeOptions("nats", "t1", "order.event.t1", new Set(), seenOf).seen?.durable).toBe("t1.order.event.t1");
    expect(routeOptions("nats", "t1", "md.book.*", new Set(), seenOf)).toEqual({});
    expect(routeOptions("local", "t1", "order.event.t1", new Set(), seenOf)).toEqual({});
  });
});

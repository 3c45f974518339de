import { describe, expect, it } from "vitest";
import { LocalBus } from "../../floor/bus/index.ts";
import { busContract } from "./busContract.ts";

busContract("LocalBus", async (opts) => new LocalBus(opts));

describe("LocalBus: one queue entry per message", () => {
  it("delivers a message to its plain subscribers in subscribe order, then one member of each queue group", async () => {
    const bus = new LocalBus();
    const seen: string[] = [];
    bus.subscribe("md.>", () => void seen.push("a"));
    bus.subscribe("md.book.*", () => void seen.push("g1"), { queue: "g" });
    bus.subscribe("md.book.m1", () => void seen.push("b"));
    bus.subscribe("md.book.*", () => void seen.push("g2"), { queue: "g" });
    bus.publish("md.book.m1", "{}");
    bus.publish("md.book.m1", "{}");
    await bus.idle();
    expect(seen).toEqual(["a", "b", "g1", "a", "b", "g2"]);
    expect(bus.delivered).toBe(6); // every handler invocation, counted by the bus itself
    expect([bus.interested("md.book.m2"), bus.interested("md.spot.BTC"), bus.interested("hb.x")]).toEqual([true, true, false]);
    await bus.close();
  });

  it("idle(), asked by a subscriber, waits for the message's other subscribers, an async one among them", async () => {
    const bus = new LocalBus();
    let done = false;
    let idleSeen: boolean | undefined;
    bus.subscribe("x", () => void bus.idle().then(() => (idleSeen = done)));
    bus.subscribe("x", async () => {
      await new Promise((r) => setTimeout(r, 20));
      done = true;
    });
    bus.publish("x", "{}");
    await bus.idle();
    await new Promise((r) => setImmediate(r)); // the subscriber's own wait resolves beside ours
    expect(idleSeen).toBe(true);
    await bus.close();
  });
});

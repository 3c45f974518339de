import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { LocalBus } from "../bus/index.ts";
import { sseClient } from "../../tests/helpers/sseClient.ts";
import { DashboardFeed } from "./DashboardFeed.ts";

const metrics = (ts: number) => JSON.stringify({ v: 1, id: `monitor.1.${ts}`, ts, src: "monitor", agentId: "t1", fills: 0, settled: 0, wins: 0, losses: 0, realizedPnl: 0, feesUsd: 0 });

describe("DashboardFeed", () => {
  it("numbers what it follows, coalesces metrics to one per agent per wall second, and counts what is not JSON", async () => {
    const bus = new LocalBus();
    let wall = 0;
    const feed = new DashboardFeed(bus, { wallNow: () => wall });
    bus.publish("ctl.t1.pause", JSON.stringify({ v: 1, id: "boss.1.1", ts: 5, src: "boss", verb: "pause" }));
    // The in-process bus delivers after the publisher yields: each wall time is set, then its messages delivered.
    for (const ts of [1, 2, 3]) bus.publish("metrics.t1", metrics(ts));
    await bus.idle();
    wall = 999;
    bus.publish("metrics.t1", metrics(4));
    await bus.idle();
    wall = 1000;
    bus.publish("metrics.t1", metrics(5));
    bus.publish("audit.invalid", "not json");
    bus.publish("md.spot.BTCUSD", JSON.stringify({ v: 1 })); // not followed
    await bus.idle();
    feed.transition({ agentId: "t1", ts: 6, event: "PAUSE", from: "trading", to: "paused" });
    const events = feed.ring.since(0).map((e) => JSON.parse(e.line) as { seq: number; type: string; msg?: { ts: number } });
    expect(events.map((e) => [e.seq, e.type, e.msg?.ts])).toEqual([[1, "ctl", 5], [2, "metrics", 1], [3, "metrics", 5], [4, "transition", undefined]]);
    expect(feed.metrics.get("t1")?.ts).toBe(5);
    expect(feed.malformed).toBe(1);
    expect(feed.transitionsOf("t1")).toEqual([{ agentId: "t1", ts: 6, event: "PAUSE", from: "trading", to: "paused" }]);
    feed.stop();
  });

  it("streams with heartbeats, and tells a client that fell past the ring where it resumes", async () => {
    const bus = new LocalBus();
    const feed = new DashboardFeed(bus, { capacity: 10, heartbeatMs: 20 });
    for (let i = 0; i < 25; i++) feed.transition({ agentId: "t1", ts: i, event: "E", from: "a", to: "b" });
    const server = createServer((req, res) => feed.hub.open(req, res, 2));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const client = sseClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    try {
      await client.opened;
      await expect.poll(() => client.comments, { timeout: 5000 }).toBeGreaterThanOrEqual(2);
      expect(client.events[0]).toEqual({ id: undefined, event: "gap", data: { after: 2, oldest: feed.ring.oldest } });
      expect(client.events.slice(1).map((e) => e.id)).toEqual(feed.ring.since(0).map((e) => e.seq));
    } finally {
      client.close();
      feed.stop();
      server.closeAllConnections();
      server.close();
    }
  });
});

// The split floor's NATS writes: what one turn of the event loop publishes leaves as one write, in order.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { NatsConnection } from "@nats-io/transport-node";
import { CoalescingTransport, coalescingConnect } from "../../floor/bus/coalescingConnect.ts";
import { describeNats, natsUrl, uniquePrefix } from "../helpers/nats.ts";

/** The connection's transport (nats.js keeps it on its protocol handler, not in its public surface). */
const transportOf = (nc: NatsConnection) => (nc as unknown as { protocol: { transport: unknown } }).protocol.transport;

await describeNats("coalescingConnect", () => {
  let pub: NatsConnection, sub: NatsConnection;
  beforeAll(async () => {
    [pub, sub] = await Promise.all([coalescingConnect({ servers: natsUrl() }), coalescingConnect({ servers: natsUrl() })]);
  });
  afterAll(() => Promise.all([pub.close(), sub.close()]));

  it("corks the socket for the rest of the turn at its first write, and every message still arrives once, in order", async () => {
    const transport = transportOf(pub);
    expect(transport).toBeInstanceOf(CoalescingTransport);
    const socket = (transport as CoalescingTransport).socket;
    const subject = `${uniquePrefix("coalesce")}x`;
    const got: string[] = [];
    const all = new Promise<void>((resolve) => {
      sub.subscribe(subject, {
        callback: (_e, m) => {
          if (got.push(m.string()) === 200) resolve();
        },
      });
    });
    await sub.flush();
    const writes: number[] = [];
    const write = socket.write.bind(socket);
    socket.write = ((...a: Parameters<typeof write>) => (writes.push(socket.writableCorked), write(...a))) as typeof socket.write;
    try {
      // 200 publishes over 200 microtasks of one turn: nats.js writes at each microtask that published.
      let chain = Promise.resolve();
      for (let i = 0; i < 200; i++) chain = chain.then(() => pub.publish(subject, String(i)));
      await chain;
      expect(writes.length).toBeGreaterThan(1); // several writes went to the socket...
      expect(writes.every((corked) => corked === 1)).toBe(true); // ...all while it was corked
      await new Promise((r) => setImmediate(r));
      expect(socket.writableCorked).toBe(0); // uncorked at the end of the turn
      await all;
    } finally {
      socket.write = write;
    }
    expect(got).toEqual(Array.from({ length: 200 }, (_, i) => String(i)));
  });
});

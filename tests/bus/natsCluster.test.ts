import { afterAll, beforeAll, expect, it } from "vitest";
import { NatsBus } from "../../floor/bus/index.ts";
import { describeNatsServer, uniquePrefix } from "../helpers/nats.ts";
import { startNatsCluster, storedOnceReady, type NatsClusterHandle } from "../helpers/natsCluster.ts";
import { waitFor } from "./busContract.ts";

const N = 400;
const envelope = (i: number) => JSON.stringify({ v: 1, id: `cl.1.${i}`, ts: i, src: "cl" });

describeNatsServer("the bus on a three-node NATS cluster (R3)", () => {
  let cluster: NatsClusterHandle;
  beforeAll(async () => {
    cluster = await startNatsCluster(3);
  }, 30_000);
  afterAll(() => cluster?.stop());

  it("refuses, naming both numbers, a stream kept with other replicas than it asks for", async () => {
    const prefix = uniquePrefix("rp");
    const one = await NatsBus.connect({ url: cluster.urls, prefix, replicas: 1 });
    await one.close();
    await expect(NatsBus.connect({ url: cluster.urls, prefix, replicas: 3 })).rejects.toThrow(/keeps 1 replica\(s\), the bus asks for 3/);
  }, 20_000);

  it("fails over when its node is SIGKILLed mid-way, and the stream keeps every publish exactly once", async () => {
    const bus = await NatsBus.connect({ url: cluster.urls, replicas: 3, prefix: uniquePrefix("cl"), warn: () => undefined });
    try {
      const first = bus.status.server;
      expect(cluster.nodes.map((n) => n.name)).toContain(first);
      // Five subjects, so several publishes are in flight when the node dies.
      const publish = (from: number, to: number) => {
        for (let i = from; i < to; i++) bus.publish(`order.event.s${i % 5}`, envelope(i));
      };
      publish(0, N / 4);
      await waitFor(() => bus.status.outbox.acked >= N / 4, 15_000, "the first quarter acknowledged");
      // The second quarter goes out and the node is SIGKILLed in the same tick (kill signals before
      // its first await): those publishes are on their way when it dies, however fast the machine.
      publish(N / 4, N / 2);
      const dying = cluster.kill(first!);
      expect(bus.status.outbox.pending).toBeGreaterThan(0);
      await dying;
      publish(N / 2, N); // some while the connection is down: the outbox holds them
      await waitFor(() => bus.status.reconnects >= 1 && bus.status.outbox.pending === 0, 25_000, "reconnected and every publish acknowledged");
      expect(bus.status.server).not.toBe(first);
      expect(bus.status.outbox).toMatchObject({ acked: N, failed: 0, renamed: 0 });
      const stored = await storedOnceReady(bus, "order.>");
      const ids = stored.map((m) => m.msgId);
      expect(new Set(ids).size).toBe(ids.length); // nothing twice
      expect(ids.sort()).toEqual(Array.from({ length: N }, (_, i) => `cl.1.${i}`).sort()); // nothing lost
      expect(stored.every((m) => m.data === envelope(Number(m.msgId!.split(".")[2])))).toBe(true);
      expect((await bus.streamInfo()).messages).toBe(N);
    } finally {
      await bus.close();
    }
  }, 40_000);

});

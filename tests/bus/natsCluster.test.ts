import { jetstreamManager } from "@nats-io/jetstream";
import { afterAll, beforeAll, expect, it } from "vitest";
import { NatsBus } from "../../floor/bus/index.ts";
import { durableConsumerName } from "../../floor/bus/durableName.ts";
import { connectRaw, describeNatsServer, uniquePrefix } from "../helpers/nats.ts";
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

  it("a durable reads on within seconds when its consumer's leader dies, its own node alive (the lost pull is made again)", async () => {
    const prefix = uniquePrefix("hb");
    const got: string[] = [];
    const subscribe = (b: NatsBus) => b.subscribe("order.event.>", (m) => void got.push(m.data), { durable: "hb" });
    // Before the next test, which leaves a node down. Made first through any node, to learn which node leads the consumer.
    const maker = await NatsBus.connect({ url: cluster.urls, replicas: 3, prefix, warn: () => undefined });
    subscribe(maker);
    await maker.idle();
    const nc = await connectRaw(cluster.urls);
    let leader: string | undefined;
    try {
      leader = (await (await jetstreamManager(nc)).consumers.info(maker.streamName, durableConsumerName(maker.streamName, "hb"))).cluster?.leader;
    } finally {
      await nc.close();
      await maker.close();
    }
    expect(cluster.nodes.map((n) => n.name)).toContain(leader);
    const other = cluster.nodes.find((n) => n.name !== leader)!;
    const bus = await NatsBus.connect({ url: other.url, replicas: 3, prefix, warn: () => undefined });
    try {
      subscribe(bus); // binds the consumer, its pull waiting at the leader
      await bus.idle();
      bus.publish("order.event.a", envelope(1));
      await waitFor(() => got.length === 1, 10_000, "the first message");
      await cluster.kill(leader!);
      const killed = Date.now();
      bus.publish("order.event.a", envelope(2));
      // nats.js's default pulls (30 s, heartbeats every 15 s) would wait two missed heartbeats, 30 s, before pulling again.
      await waitFor(() => got.length === 2, 15_000, "the message published after the consumer's leader died");
      expect({ server: bus.status.server, disconnects: bus.status.disconnects }).toEqual({ server: other.name, disconnects: 0 });
      expect(Date.now() - killed).toBeLessThan(15_000);
    } finally {
      await bus.close();
      await cluster.start(leader!);
    }
  }, 60_000);

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

  it("at its start, waits for a cluster that has no JetStream majority yet, rather than failing on its timeout", async () => {
    for (const n of cluster.nodes) if (!n.up) await cluster.start(n.name);
    const [alone, ...others] = cluster.nodes;
    for (const n of others) await cluster.kill(n.name); // one node of three: no meta leader, JetStream requests time out
    const warnings: string[] = [];
    const connecting = NatsBus.connect({ url: alone!.url, replicas: 3, prefix: uniquePrefix("el"), warn: (w) => void warnings.push(w) });
    let settled = false;
    void connecting.then(() => (settled = true), () => (settled = true));
    await waitFor(() => warnings.length > 0 || settled, 20_000, "the first try to fail");
    for (const n of others) await cluster.start(n.name);
    const bus = await connecting; // rejected with "timeout" before start-up requests were retried
    try {
      expect(warnings[0]).toMatch(/the floor's JetStream stream on .*: try 1 failed \(.*\); trying again in \d+ ms/);
      expect((await bus.streamInfo()).messages).toBe(0);
    } finally {
      await bus.close();
    }
  }, 90_000);
});

// Durable subscriptions on NATS: a subscriber that goes away resumes after its last acknowledged
// message, nothing twice, in order; against the shared server (fresh prefix per bus) and, where a
// server is killed, a private one.
import { jetstreamManager } from "@nats-io/jetstream";
import { expect, it } from "vitest";
import { NatsBus, type BusMsg } from "../../floor/bus/index.ts";
import { connectRaw, describeNats, describeNatsServer, natsBusPerTest, natsUrl, startNatsServer, uniquePrefix } from "../helpers/nats.ts";
import { waitFor, within } from "./busContract.ts";

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
/** A floor-like envelope: its id is the stream's msgID and the durable's dedupe key. */
const env = (i: number, tag = "in") => JSON.stringify({ v: 1, id: `${tag}.${i}`, n: i });
const num = (m: BusMsg) => (JSON.parse(m.data) as { n: number }).n;

await describeNats("NatsBus durable subscriptions", () => {
  const url = natsUrl();
  const bus = natsBusPerTest(url);

  it("resumes after a restart with exactly what it missed, in order, and idle() covers its own publishes", async () => {
    const prefix = uniquePrefix("dur");
    const a = await bus(prefix);
    const first: number[] = [];
    a.subscribe("order.t.*", (m) => void first.push(num(m)), { durable: "w-1.order.t.*" });
    for (const i of range(0, 5)) a.publish("order.t.x", env(i));
    await within(a.idle(), 10_000, "idle() over the durable's own deliveries");
    expect(first).toEqual(range(0, 5));
    await a.close();

    const b = await bus(prefix);
    for (const i of range(5, 12)) b.publish(i % 2 ? "order.t.y" : "order.t.x", env(i));
    b.publish("order.other", env(99)); // outside the durable's filter
    await within(b.idle(), 10_000, "b's publishes stored");

    const c = await bus(prefix);
    const second: number[] = [];
    c.subscribe("order.t.*", (m) => void second.push(num(m)), { durable: "w-1.order.t.*" });
    await waitFor(() => second.length >= 7, 10_000, "the 7 missed messages");
    await sleep(300);
    expect(second).toEqual(range(5, 12));
    // A publish after the resume arrives live through the same consumer, once.
    c.publish("order.t.x", env(12));
    await within(c.idle(), 10_000, "idle()");
    expect(second).toEqual(range(5, 13));
  });

  it("hands a message whose handler never finished to the next holder; a seen id is acked, not handled", async () => {
    const prefix = uniquePrefix("dur");
    const seen = new Set<string>(["in.1"]);
    const store = { has: (id: string) => seen.has(id), add: (id: string) => void seen.add(id) };
    const a = await bus(prefix);
    const started: number[] = [];
    a.subscribe("order.h", async (m) => {
      started.push(num(m));
      if (num(m) === 3) await new Promise(() => undefined); // hangs: the process dies in this handler
    }, { durable: "h", seen: store });
    await within(a.idle(), 10_000, "the consumer made");
    const p = await bus(prefix);
    for (const i of range(0, 6)) p.publish("order.h", env(i));
    await waitFor(() => started.includes(3), 10_000, "the handler of message 3 to start");
    expect(started).toEqual([0, 2, 3]); // 1 was seen: acked without a handler
    await a.close();

    const c = await bus(prefix);
    const again: number[] = [];
    c.subscribe("order.h", (m) => void again.push(num(m)), { durable: "h", seen: store });
    await waitFor(() => again.length >= 3, 10_000, "3, 4 and 5");
    await sleep(300);
    expect(again).toEqual([3, 4, 5]);
    expect([...seen].sort()).toEqual(["in.0", "in.1", "in.2", "in.3", "in.4", "in.5"]);
  });

  it("moves the ack floor past an input only once the outputs its handler published are stored", async () => {
    const prefix = uniquePrefix("dur");
    const a = await bus(prefix);
    const n = 100;
    a.subscribe("order.in", (m) => a.publish("order.out", env(num(m), "out")), { durable: "relay" });
    await within(a.idle(), 10_000, "the consumer made");
    // Sample the consumer's ack floor (its consumer sequence counts the inputs acknowledged, none
    // being redelivered), then the outputs stored: every input under the floor must have its output.
    const nc = await connectRaw(url);
    const jsm = await jetstreamManager(nc);
    const consumer = (await jsm.consumers.list(a.streamName).next()).find((c) => c.config.durable_name?.includes("relay"))!;
    const p = await bus(prefix);
    let violations = 0;
    let samples = 0;
    for (;;) {
      const acked = (await jsm.consumers.info(a.streamName, consumer.name)).ack_floor.consumer_seq;
      const outputs = (await jsm.streams.info(a.streamName, { subjects_filter: `${prefix}order.out` })).state.subjects?.[`${prefix}order.out`] ?? 0;
      if (acked > outputs) violations++;
      if (samples++ === 0) for (const i of range(0, n)) p.publish("order.in", env(i)); // after a first sample, so there are many
      if (acked === n) break;
      await sleep(1);
    }
    await nc.close();
    expect(samples).toBeGreaterThan(2);
    expect(violations).toBe(0);
    expect((await p.streamMessages("order.out")).map((m) => JSON.parse(m.data).n)).toEqual(range(0, n));
  });

  it("runs a handler slower than the ack wait once per message: in progress while in hand, a redelivered one dropped as seen", async () => {
    const prefix = uniquePrefix("dur");
    const a = await bus(prefix, { durableAckWaitMs: 300 });
    const runs: number[] = [];
    a.subscribe("order.slow", async (m) => {
      runs.push(num(m));
      await sleep(1000); // more than three ack waits
    }, { durable: "slow" });
    const consumerSeq = async () => {
      const nc = await connectRaw(url);
      const jsm = await jetstreamManager(nc);
      const info = (await jsm.consumers.list(a.streamName).next()).find((c) => c.config.durable_name?.includes("slow"))!;
      await nc.close();
      return info.delivered.consumer_seq;
    };
    a.publish("order.slow", env(0));
    await within(a.idle(), 15_000, "idle()");
    expect(runs).toEqual([0]);
    expect(await consumerSeq()).toBe(1); // the message in hand was never sent again
    // Two more: the second waits behind the first's handler, unsignalled, so the server sends it again; it runs once.
    a.publish("order.slow", env(1));
    a.publish("order.slow", env(2));
    await within(a.idle(), 15_000, "idle()");
    await sleep(800);
    expect(runs).toEqual([0, 1, 2]);
    expect(await consumerSeq()).toBeGreaterThan(3);
  });

  it("drain() lets the acknowledgements of what was handled go out first: the next holder gets nothing again", async () => {
    const prefix = uniquePrefix("dur");
    const a = await bus(prefix);
    const got: number[] = [];
    a.subscribe("order.dr", (m) => void got.push(num(m)), { durable: "dr" });
    await within(a.idle(), 10_000, "the consumer made");
    const p = await bus(prefix);
    for (const i of range(0, 20)) p.publish("order.dr", env(i)); // another bus's: a.idle() does not wait for them
    await waitFor(() => got.length === 20, 10_000, "20 messages");
    await within(a.drain(), 15_000, "drain()");
    const c = await bus(prefix);
    const again: number[] = [];
    c.subscribe("order.dr", (m) => void again.push(num(m)), { durable: "dr" });
    await within(c.idle(), 10_000, "the consumer bound");
    p.publish("order.dr", env(20));
    await waitFor(() => again.length >= 1, 10_000, "the next message");
    await sleep(300);
    expect(again).toEqual([20]);
  });

  it("refuses a durable outside the stream, twice on one bus, or in a queue group; unsubscribe keeps it, deleteDurable removes it", async () => {
    const prefix = uniquePrefix("dur");
    const a = await bus(prefix);
    expect(() => a.subscribe("md.book.x", () => undefined, { durable: "x" })).toThrow(/md\.book\.x.*order\.>/);
    expect(() => a.subscribe("order.q", () => undefined, { durable: "q", queue: "g" })).toThrow(/queue group g/);
    const got: number[] = [];
    const sub = a.subscribe("order.k", (m) => void got.push(num(m)), { durable: "keep" });
    expect(() => a.subscribe("order.k", () => undefined, { durable: "keep" })).toThrow(/already subscribed/);
    a.publish("order.k", env(0));
    await within(a.idle(), 10_000, "idle()");
    sub.unsubscribe();
    a.publish("order.k", env(1));
    await within(a.idle(), 10_000, "idle() with nobody on the durable");
    expect(got).toEqual([0]);
    const again = a.subscribe("order.k", (m) => void got.push(num(m)), { durable: "keep" });
    await waitFor(() => got.length >= 2, 10_000, "message 1 through the kept durable");
    expect(got).toEqual([0, 1]);
    again.unsubscribe();
    expect(await a.deleteDurable("keep")).toBe(true);
    expect(await a.deleteDurable("keep")).toBe(false);
  });
});

describeNatsServer("NatsBus durable subscription across a nats-server SIGKILL", () => {
  it("loses nothing and handles nothing twice while the server is killed and started again", async () => {
    const server = await startNatsServer();
    const buses: NatsBus[] = [];
    try {
      const consumer = await NatsBus.connect({ url: server.url, prefix: "dk.", warn: () => undefined });
      const producer = await NatsBus.connect({ url: server.url, prefix: "dk.", warn: () => undefined });
      buses.push(consumer, producer);
      const got: number[] = [];
      consumer.subscribe("order.k", async (m) => {
        got.push(num(m));
        await sleep(1);
      }, { durable: "killed" });
      await within(consumer.idle(), 10_000, "the consumer made"); // idle() waits for it: the producer's first message is not missed
      let n = 0;
      let publishing = true;
      const publisher = (async () => {
        while (publishing) {
          producer.publish("order.k", env(n++));
          await sleep(3);
        }
      })();
      await waitFor(() => got.length >= 30, 10_000, "30 messages before the kill");
      await server.down("SIGKILL");
      await sleep(300);
      await server.up();
      await waitFor(() => consumer.status.reconnects > 0 && producer.status.reconnects > 0, 15_000, "both clients back");
      const atRestart = n;
      await waitFor(() => got.length >= atRestart + 30, 20_000, `30 messages after the restart (got ${got.length}, published ${atRestart})`);
      publishing = false;
      await publisher;
      await within(producer.idle(), 15_000, "the producer's outbox emptied");
      await waitFor(() => got.length >= n, 15_000, `all ${n} messages (missing: ${range(0, n).filter((i) => !got.includes(i)).slice(0, 10).join(" ")})`);
      await sleep(500);
      expect(got).toEqual(range(0, n));
    } finally {
      await Promise.all(buses.map((b) => b.close()));
      await server.stop();
    }
  });
});

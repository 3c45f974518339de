import { jetstreamManager } from "@nats-io/jetstream";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { NatsBus, UnackedPublishesError, type NatsBusOptions } from "../../floor/bus/index.ts";
import { connectRaw, describeNats, describeNatsServer, dropStreams, natsTargets, startNatsServer, uniquePrefix, type NatsServerHandle } from "../helpers/nats.ts";
import { settle, waitFor, within } from "./busContract.ts";

// `order.>` and `audit.>` go out through NatsBus's JetStream outbox: kept until the stream acks,
// so an outage or a lost ack costs time, never a message. md.* (and every other subject) stays a
// core publish, which the v3 client drops while it is disconnected.

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
/** A floor envelope: the outbox uses its `id` as the JetStream msgID. */
const envelope = (id: string) => JSON.stringify({ v: 1, id, ts: 0, src: "test" });
const ids = (tag: string, from: number, to: number) => Array.from({ length: to - from }, (_, i) => `${tag}${from + i}`);
const idOf = (data: string) => (JSON.parse(data) as { id: string }).id;

/** True when `p` has not settled after `ms`. */
async function stillPending(p: Promise<unknown>, ms: number): Promise<boolean> {
  let settled = false;
  void p.then(
    () => (settled = true),
    () => (settled = true),
  );
  await sleep(ms);
  return !settled;
}

/** Record the envelope ids a bus receives, per subject family. */
function record(bus: NatsBus) {
  const got = { order: [] as string[], audit: [] as string[], md: [] as string[], replies: [] as Array<string | undefined> };
  for (const family of ["order", "audit", "md"] as const) {
    bus.subscribe(`${family}.>`, (m) => {
      got[family].push(idOf(m.data));
      if (family !== "md") got.replies.push(m.reply);
    });
  }
  return got;
}

describeNatsServer("NatsBus outbox across a nats-server outage", () => {
  let server: NatsServerHandle | undefined;
  const open: NatsBus[] = [];
  const natsBus = async (opts: Partial<NatsBusOptions> = {}) => {
    const bus = await NatsBus.connect({ url: server!.url, prefix: "ob.", lostGraceMs: 500, ...opts });
    open.push(bus);
    return bus;
  };
  afterEach(async () => {
    await Promise.all(open.splice(0).map((b) => b.close()));
    await server?.stop();
    server = undefined;
  });

  it("delivers order.* and audit.* published while the server is down exactly once, in order, and stores each once; md.* from the outage may be lost", async () => {
    server = await startNatsServer();
    // One subscriber, on the publishing bus: a subscriber elsewhere reconnects on its own
    // schedule and misses what is published before it is back — it reads the stream for that.
    const bus = await natsBus();
    const got = record(bus);
    for (const id of ids("o", 0, 5)) bus.publish("order.intent.a", envelope(id));
    for (const id of ids("a", 0, 3)) bus.publish("audit.fill", envelope(id));
    for (const id of ids("m", 0, 5)) bus.publish("md.spot.btc", envelope(id));
    await within(bus.idle(), 5000, "idle() before the outage");

    await server.down();
    await waitFor(() => !bus.status.connected, 5000, "the client to see the disconnect");
    for (let i = 5; i < 25; i++) {
      bus.publish("order.intent.a", envelope(`o${i}`));
      if (i % 2 === 0) bus.publish("audit.fill", envelope(`a${3 + (i - 6) / 2}`));
      bus.publish("md.spot.btc", envelope(`d${i}`));
    }
    expect(bus.status.outbox.pending).toBe(30);
    // Not idle while order/audit publishes wait for the stream's ack.
    const idle = bus.idle();
    expect(await stillPending(idle, 300)).toBe(true);

    await server.up();
    await within(idle, 15_000, "idle() after the server came back");
    const orders = ids("o", 0, 25);
    const audits = ids("a", 0, 13);
    expect(got.order).toEqual(orders);
    expect(got.audit).toEqual(audits);
    // A JetStream publish's reply subject is the stream's ack inbox; handlers don't see it.
    expect(got.replies).toEqual(Array(38).fill(undefined));
    // md.* is a core publish: the v3 client drops what it is given while disconnected (today:
    // all of it). Whatever does arrive is in order and once, and the rest is written off as
    // lost rather than waited for.
    expect(got.md.slice(0, 5)).toEqual(ids("m", 0, 5));
    const late = got.md.slice(5);
    expect(late).toEqual(ids("d", 5, 25).filter((id) => late.includes(id)));
    expect(late.length + bus.lostCount).toBe(20);

    const stored = await bus.streamMessages(">");
    expect(stored.filter((m) => m.subject === "order.intent.a").map((m) => m.msgId)).toEqual(orders);
    expect(stored.filter((m) => m.subject === "audit.fill").map((m) => m.msgId)).toEqual(audits);
    expect(stored).toHaveLength(38);
    expect(bus.status.outbox).toEqual({ pending: 0, retried: 0, acked: 38, failed: 0, renamed: 0 });
  });

  it("drain() waits a bounded time for unacknowledged publishes, then closes and says how many", async () => {
    server = await startNatsServer();
    const warnings: string[] = [];
    const bus = await natsBus({ drainTimeoutMs: 300, warn: (w) => void warnings.push(w) });
    bus.publish("order.intent.a", envelope("before"));
    await within(bus.idle(), 5000, "idle()");
    await server.down();
    await waitFor(() => !bus.status.connected, 5000, "the client to see the disconnect");
    bus.publish("order.intent.a", envelope("x1"));
    bus.publish("order.intent.a", envelope("x2"));
    bus.publish("audit.fill", envelope("x3"));
    bus.publish("md.spot.btc", envelope("not counted"));
    const err = await within(bus.drain(), 5000, "drain()").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnackedPublishesError);
    expect((err as UnackedPublishesError).unacked).toBe(3);
    expect((err as Error).message).toMatch(/3 order\/audit publish\(es\) still unacknowledged by JetStream after 300 ms/);
    expect(warnings).toEqual([expect.stringMatching(/^closed with 3 order\/audit publish\(es\) unacknowledged/)]);
  });

  it("re-creates the stream when the server comes back with an empty store", async () => {
    server = await startNatsServer();
    const bus = await natsBus({ ackTimeoutMs: 300 });
    bus.publish("order.intent.a", envelope("o0"));
    await within(bus.idle(), 5000, "idle()");
    await server.down();
    await waitFor(() => !bus.status.connected, 5000, "the client to see the disconnect");
    bus.publish("order.intent.a", envelope("o1"));
    await server.up({ emptyStore: true });
    await within(bus.idle(), 15_000, "idle() after the server came back");
    expect((await bus.streamMessages("order.>")).map((m) => m.msgId)).toEqual(["o1"]);
  });
});

for (const { label, url: target } of natsTargets()) await describeNats(`NatsBus outbox (${label})`, () => {
  const url = target!;
  const streams = new Set<string>();
  const open: NatsBus[] = [];
  const natsBus = async (opts: Partial<NatsBusOptions> = {}) => {
    const bus = await NatsBus.connect({ url, prefix: uniquePrefix(), ...opts });
    streams.add(bus.streamName);
    open.push(bus);
    return bus;
  };
  afterEach(async () => {
    await Promise.all(open.splice(0).map((b) => b.close()));
  });
  afterAll(() => dropStreams(url, streams));

  describe("retries", () => {
    it("sends again until the stream acks, one at a time per subject; idle() waits; subscribers see each message once", async () => {
      const prefix = uniquePrefix();
      const bus = await natsBus({ prefix, ackTimeoutMs: 150 });
      const other = await natsBus({ prefix });
      const own = record(bus);
      const remote = record(other);
      await settle(other); // its subscriptions are on the server
      // Without its stream nobody acks: every send times out and is retried.
      const nc = await connectRaw(url);
      try {
        const jsm = await jetstreamManager(nc);
        await jsm.streams.delete(bus.streamName);
        bus.publish("order.intent.a", envelope("e0"));
        bus.publish("order.intent.a", envelope("e1"));
        bus.publish("audit.fill", envelope("f0"));
        await waitFor(() => bus.status.outbox.retried >= 4, 5000, "retries");
        expect(await stillPending(bus.idle(), 50)).toBe(true);
        expect(bus.status.outbox.pending).toBe(3);
        // The head of each subject reached subscribers once, whatever the number of sends; e1 waits behind e0.
        await waitFor(() => remote.order.length === 1 && remote.audit.length === 1, 2000, "the first deliveries");
        expect(remote.order).toEqual(["e0"]);

        await jsm.streams.add({ name: bus.streamName, subjects: [`${prefix}order.>`, `${prefix}audit.>`] });
        await within(bus.idle(), 5000, "idle() once the stream is back");
      } finally {
        await nc.close();
      }
      await waitFor(() => remote.order.length === 2, 2000, "e1 at the other bus");
      for (const got of [own, remote]) {
        expect(got.order).toEqual(["e0", "e1"]);
        expect(got.audit).toEqual(["f0"]);
      }
      expect((await bus.streamMessages(">")).map((m) => m.msgId).sort()).toEqual(["e0", "e1", "f0"]);
      expect(bus.status.outbox).toMatchObject({ pending: 0, acked: 3, failed: 0 });
      expect(bus.lostCount).toBe(0);
    });

    it("stores a message whose envelope id the stream already holds from another one under a unique id", async () => {
      const prefix = uniquePrefix();
      const warnings: string[] = [];
      const a = await natsBus({ prefix });
      const b = await natsBus({ prefix, warn: (w) => void warnings.push(w) });
      const got = record(a);
      await settle(a);
      a.publish("order.intent.a", envelope("same"));
      await within(a.idle(), 5000, "idle() of a");
      b.publish("order.intent.b", envelope("same"));
      await within(b.idle(), 5000, "idle() of b");
      await waitFor(() => got.order.length >= 2, 2000, "both messages");
      await within(a.idle(), 5000, "idle() of a");
      expect(got.order).toEqual(["same", "same"]); // b's second send was filtered out as a repeat
      const stored = await a.streamMessages("order.>");
      expect(stored.map((m) => m.subject)).toEqual(["order.intent.a", "order.intent.b"]);
      expect(stored[0]!.msgId).toBe("same");
      expect(stored[1]!.msgId).not.toBe("same");
      expect(b.status.outbox).toMatchObject({ acked: 1, renamed: 1, retried: 1 });
      expect(warnings).toEqual([expect.stringContaining("already holds msgID same")]);
    });

    it("takes a message sent again after a crash (again) whose id the stream holds as stored, not storing it twice", async () => {
      const prefix = uniquePrefix();
      const a = await natsBus({ prefix });
      const b = await natsBus({ prefix }); // the next incarnation, sending what the first may have stored
      const got = record(a);
      await settle(a);
      a.publish("order.decision.a", envelope("sent"));
      await within(a.idle(), 5000, "idle() of a");
      b.publish("order.decision.a", envelope("sent"), { again: true });
      b.publish("order.decision.a", envelope("lost"), { again: true }); // never stored: stored now
      await within(b.idle(), 5000, "idle() of b");
      await waitFor(() => got.order.length >= 2, 2000, "both messages");
      const stored = await a.streamMessages("order.>");
      expect(stored.map((m) => m.msgId)).toEqual(["sent", "lost"]);
      expect(b.status.outbox).toMatchObject({ acked: 2, renamed: 0, retried: 0 });
    });
  });

  it("keeps md.* and other subjects on core publish, and uses a unique msgID for payloads that are not envelopes", async () => {
    const bus = await natsBus();
    for (let i = 0; i < 10; i++) bus.publish("md.book.m1", envelope(`b${i}`));
    bus.publish("hb.x", "{}");
    bus.publish("order.raw", "not json");
    bus.publish("order.raw", "not json");
    await within(bus.idle(), 5000, "idle()");
    expect(bus.status.outbox).toMatchObject({ pending: 0, acked: 2, retried: 0 });
    const stored = await bus.streamMessages(">");
    expect(stored.map((m) => m.data)).toEqual(["not json", "not json"]);
    expect(new Set(stored.map((m) => m.msgId)).size).toBe(2);
  });

  it("throws at once, as a core publish does, for an order too large for the server", async () => {
    const bus = await natsBus();
    expect(() => bus.publish("order.big", "x".repeat(2 * 1024 * 1024))).toThrow("max_payload");
    expect(bus.status.outbox.pending).toBe(0);
    await within(bus.idle(), 1000, "idle()");
  });
}, target);

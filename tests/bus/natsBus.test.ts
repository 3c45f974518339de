import type { NatsConnection } from "@nats-io/transport-node";
import { afterEach, describe, expect, it } from "vitest";
import { BusClosedError, NatsBus, parseBusUrl, type NatsBusOptions } from "../../floor/bus/index.ts";
import { connectRaw, describeNats, describeNatsServer, dropStreams, natsTargets, startNatsServer, uniquePrefix } from "../helpers/nats.ts";
import { busContract, settle, waitFor, within } from "./busContract.ts";

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

// The same suite on the open server and on the one running config/nats/floor-auth.conf (as its admin user).
for (const { label, url: target } of natsTargets()) await describeNats(`NatsBus (${label})`, () => {
  const url = target!;
  const streams = new Set<string>();
  const open: Array<NatsBus | NatsConnection> = [];
  const natsBus = async (opts: Partial<NatsBusOptions> = {}) => {
    const bus = await NatsBus.connect({ url, prefix: uniquePrefix(), ...opts });
    streams.add(bus.streamName);
    open.push(bus);
    return bus;
  };
  const raw = async () => {
    const nc = await connectRaw(url);
    open.push(nc);
    return nc;
  };
  // Streams go after each test: each reserves its max_bytes (2 GiB) of the server's JetStream storage.
  afterEach(async () => {
    await Promise.all(open.splice(0).map((c) => c.close()));
    await dropStreams(url, streams);
    streams.clear();
  });

  busContract("NatsBus", (opts) => natsBus(opts ?? {}));

  describe("NATS only", () => {
    it("rejects a failed first connect with an error naming the URL", async () => {
      await expect(NatsBus.connect({ url: "nats://127.0.0.1:1" })).rejects.toThrow("nats://127.0.0.1:1");
    });

    it("describes itself by URL and prefix, and puts the prefix on the wire", async () => {
      const prefix = uniquePrefix();
      const bus = await natsBus({ prefix });
      expect(bus.kind).toBe("nats");
      expect(bus.description).toBe(`${parseBusUrl(url, "url").display} prefix=${prefix}`);
      const nc = await raw();
      const wire: string[] = [];
      nc.subscribe(`${prefix}>`, { callback: (_e, m) => void wire.push(m.subject) });
      await nc.flush();
      bus.publish("wire.check", "1");
      await waitFor(() => wire.length === 1, 2000, "raw delivery");
      expect(wire).toEqual([`${prefix}wire.check`]);
    });

    it("isolates buses with different prefixes on one server", async () => {
      const a = await natsBus();
      const b = await natsBus();
      const gotA: string[] = [];
      const gotB: string[] = [];
      a.subscribe("iso.>", (m) => void gotA.push(`${m.subject}=${m.data}`));
      b.subscribe("iso.>", (m) => void gotB.push(`${m.subject}=${m.data}`));
      a.publish("iso.x", "A");
      b.publish("iso.x", "B");
      await Promise.all([settle(a), settle(b)]);
      expect(gotA).toEqual(["iso.x=A"]);
      expect(gotB).toEqual(["iso.x=B"]);
    });

    it("delivers messages from other connections without disturbing idle()", async () => {
      const prefix = uniquePrefix();
      const bus = await natsBus({ prefix });
      const other = await natsBus({ prefix });
      const nc = await raw();
      const own: number[] = [];
      const foreign: string[] = [];
      bus.subscribe("mix.x", async (m) => {
        await sleep(1);
        if (m.data.startsWith("own")) own.push(Number(m.data.slice(3)));
        else foreign.push(m.data);
      });
      await settle(bus);
      for (let i = 0; i < 20; i++) {
        other.publish("mix.x", `other${i}`);
        nc.publish(`${prefix}mix.x`, `raw${i}`);
        bus.publish("mix.x", `own${i}`);
      }
      await within(bus.idle(), 5000, "idle()");
      expect(own).toEqual(range(0, 20));
      await within(other.idle(), 1000, "idle() of the other bus");
      await waitFor(() => foreign.length === 40, 5000, "foreign messages");
      // The counter is still exact: new own messages are waited for, and nothing is left over.
      bus.publish("mix.x", "own20");
      await within(bus.idle(), 5000, "idle()");
      expect(own).toEqual(range(0, 21));
      expect(bus.lostCount).toBe(0);
    });

    it("answers requests from, and sends requests to, other connections", async () => {
      const prefix = uniquePrefix();
      const bus = await natsBus({ prefix });
      const nc = await raw();
      bus.subscribe("svc.double", (m) => m.respond(String(Number(m.data) * 2)));
      nc.subscribe(`${prefix}svc.upper`, { callback: (_e, m) => void m.respond(m.string().toUpperCase()) });
      await nc.flush();
      await settle(bus);
      const fromRaw = await nc.request(`${prefix}svc.double`, "21", { timeout: 2000 });
      expect(fromRaw.string()).toBe("42");
      const fromBus = await bus.request("svc.upper", "abc", { timeoutMs: 2000 });
      expect(fromBus.data).toBe("ABC");
    });

    it("keeps order.* and audit.* in JetStream and reads them back", async () => {
      const bus = await natsBus();
      for (let i = 0; i < 5; i++) bus.publish("order.new", `o${i}`);
      for (let i = 0; i < 3; i++) bus.publish("audit.log.x", `a${i}`);
      bus.publish("other.x", "not stored");
      bus.publish("order", "not stored either");
      await waitFor(async () => (await bus.streamInfo()).messages >= 8, 5000, "8 stored messages");
      const info = await bus.streamInfo();
      expect(info).toEqual({ name: bus.streamName, messages: 8 });
      const orders = await bus.streamMessages("order.*");
      expect(orders.map((m) => `${m.subject}=${m.data}`)).toEqual(range(0, 5).map((i) => `order.new=o${i}`));
      expect(orders.map((m) => m.seq)).toEqual([...orders.map((m) => m.seq)].sort((x, y) => x - y));
      const audits = await bus.streamMessages("audit.>");
      expect(audits.map((m) => m.data)).toEqual(["a0", "a1", "a2"]);
      expect(await bus.streamMessages(">")).toHaveLength(8);
      expect(await bus.streamMessages("order.cancel")).toEqual([]);
    });
  });
}, target);

describeNatsServer("NatsBus across a nats-server restart", () => {
  it("reconnects by itself; order.* loses nothing (outbox), md.* losses are written off; idle() resolves; stored messages survive", async () => {
    const server = await startNatsServer();
    let bus: NatsBus | undefined;
    try {
      bus = await NatsBus.connect({ url: server.url, prefix: "rs.", lostGraceMs: 500 });
      const b = bus;
      const got: number[] = [];
      const md: number[] = [];
      b.subscribe("order.tick", (m) => void got.push(Number(m.data)));
      b.subscribe("md.tick", (m) => void md.push(Number(m.data)));
      let n = 0;
      for (; n < 50; n++) {
        b.publish("order.tick", String(n));
        b.publish("md.tick", String(n));
      }
      await within(b.idle(), 5000, "idle() before the restart");
      expect(got).toEqual(range(0, 50));
      expect(md).toEqual(range(0, 50));
      await waitFor(async () => (await b.streamInfo()).messages === 50, 5000, "50 stored messages");

      // Keep publishing while the server goes down and comes back.
      const afterReconnect: number[] = [];
      let publishing = true;
      const publisher = (async () => {
        while (publishing) {
          const reconnected = b.status.reconnects > 0;
          b.publish("order.tick", String(n));
          b.publish("md.tick", String(n));
          if (reconnected) afterReconnect.push(n);
          n++;
          await sleep(5);
        }
      })();
      await sleep(50);
      await server.restart();
      await waitFor(() => b.status.reconnects > 0, 10_000, "the client to reconnect");
      await waitFor(() => afterReconnect.length >= 50, 5000, "50 messages after reconnect");
      publishing = false;
      await publisher;
      await within(b.idle(), 10_000, "idle() after the restart");

      expect(b.status).toMatchObject({ connected: true, disconnects: 1, reconnects: 1, outbox: { pending: 0, failed: 0 } });
      // order.* goes through the JetStream outbox: every message exactly once, in order, stored once.
      expect(got).toEqual(range(0, n));
      const stored = await b.streamMessages("order.tick");
      expect(stored.map((m) => Number(m.data))).toEqual(range(0, n));
      expect(new Set(stored.map((m) => m.msgId)).size).toBe(n);
      // md.* stays a core publish: what the client dropped around the restart is written off, in order otherwise.
      expect(md.filter((x) => x >= afterReconnect[0]!)).toEqual(afterReconnect);
      expect(md).toEqual([...new Set(md)].sort((x, y) => x - y));
      expect(md.length + b.lostCount).toBe(n);
    } finally {
      await bus?.close();
      await server.stop();
    }
  });
});

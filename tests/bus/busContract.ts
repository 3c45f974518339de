import { afterEach, describe, expect, it } from "vitest";
import { BusClosedError, NoRespondersError, RequestTimeoutError, type Bus, type BusMsg } from "../../floor/bus/index.ts";

export interface ContractBusOptions {
  onHandlerError?: (err: unknown, msg: BusMsg) => void;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Fail instead of hanging when a promise (typically `idle()`) never settles. */
export function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not settle within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** Poll `cond` every 20 ms until it holds; fail naming `what` after `ms`. */
export async function waitFor(cond: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(20);
  }
}

/**
 * Wait until everything published before this call has been delivered: idle, then a round trip
 * through a fresh subscription (messages from one publisher arrive in order), then idle again.
 * Used before asserting that something was *not* delivered.
 */
export async function settle(bus: Bus): Promise<void> {
  await within(bus.idle(), 5000, "idle()");
  let sub: { unsubscribe(): void } | undefined;
  const seen = new Promise<void>((resolve) => {
    sub = bus.subscribe("contract.barrier", () => resolve());
  });
  bus.publish("contract.barrier", "");
  await within(seen, 5000, "barrier");
  sub?.unsubscribe();
  await within(bus.idle(), 5000, "idle()");
}

/** The behaviour every `Bus` implementation must share. `make` gets a fresh bus per call. */
export function busContract(name: string, make: (opts?: ContractBusOptions) => Promise<Bus>): void {
  describe(`Bus contract: ${name}`, () => {
    const open: Bus[] = [];
    const fresh = async (opts?: ContractBusOptions) => {
      const bus = await make(opts);
      open.push(bus);
      return bus;
    };
    afterEach(async () => {
      await Promise.all(open.splice(0).map((b) => b.close()));
    });

    it("delivers exact subjects only", async () => {
      const bus = await fresh();
      const got: string[] = [];
      bus.subscribe("ex.a", (m) => void got.push(`${m.subject}=${m.data}`));
      for (const s of ["ex.a", "ex.b", "ex.a.b", "ex", "xex.a", "ex.a"]) bus.publish(s, s);
      await settle(bus);
      expect(got).toEqual(["ex.a=ex.a", "ex.a=ex.a"]);
    });

    it("matches * as exactly one token", async () => {
      const bus = await fresh();
      const got: string[] = [];
      bus.subscribe("st.*.x", (m) => void got.push(m.subject));
      for (const s of ["st.a.x", "st.a.b.x", "st.x", "st.a.y", "st.b.x", "st.a.x.y"]) bus.publish(s, "");
      await settle(bus);
      expect(got).toEqual(["st.a.x", "st.b.x"]);
    });

    it("matches > as one or more trailing tokens", async () => {
      const bus = await fresh();
      const got: string[] = [];
      bus.subscribe("gt.>", (m) => void got.push(m.subject));
      for (const s of ["gt.a", "gt", "gt.a.b.c", "gtx.a", "a.gt.b", "gt.z"]) bus.publish(s, "");
      await settle(bus);
      expect(got).toEqual(["gt.a", "gt.a.b.c", "gt.z"]);
    });

    it("keeps per-subject order over 1,000 messages", async () => {
      const bus = await fresh();
      const a: number[] = [];
      const b: number[] = [];
      bus.subscribe("ord.a", (m) => void a.push(Number(m.data)));
      bus.subscribe("ord.b", (m) => void b.push(Number(m.data)));
      for (let i = 0; i < 1000; i++) {
        bus.publish("ord.a", String(i));
        if (i % 2 === 0) bus.publish("ord.b", String(i));
      }
      await within(bus.idle(), 10_000, "idle()");
      expect(a).toEqual(Array.from({ length: 1000 }, (_, i) => i));
      expect(b).toEqual(Array.from({ length: 500 }, (_, i) => i * 2));
    });

    it("waits for an async handler before the next message of that subscription", async () => {
      const bus = await fresh();
      const log: string[] = [];
      let running = 0;
      let maxRunning = 0;
      bus.subscribe("async.x", async (m) => {
        running++;
        maxRunning = Math.max(maxRunning, running);
        log.push(`start ${m.data}`);
        await sleep(Number(m.data) % 3);
        log.push(`end ${m.data}`);
        running--;
      });
      for (let i = 0; i < 30; i++) bus.publish("async.x", String(i));
      await within(bus.idle(), 10_000, "idle()");
      expect(maxRunning).toBe(1);
      expect(log).toEqual(Array.from({ length: 30 }, (_, i) => [`start ${i}`, `end ${i}`]).flat());
    });

    it("answers a request", async () => {
      const bus = await fresh();
      bus.subscribe("svc.echo", (m) => m.respond(`echo:${m.data}`));
      const reply = await bus.request("svc.echo", "hi", { timeoutMs: 2000 });
      expect(reply.data).toBe("echo:hi");
      const again = await bus.request("svc.echo", "there", { timeoutMs: 2000 });
      expect(again.data).toBe("echo:there");
    });

    it("answers a request from an async handler", async () => {
      const bus = await fresh();
      bus.subscribe("svc.later", async (m) => {
        await sleep(5);
        m.respond(String(Number(m.data) * 2));
      });
      const replies = await Promise.all([1, 2, 3].map((n) => bus.request("svc.later", String(n), { timeoutMs: 2000 })));
      expect(replies.map((r) => r.data)).toEqual(["2", "4", "6"]);
    });

    it("rejects a request nobody listens to with NoRespondersError, at once", async () => {
      const bus = await fresh();
      const t0 = Date.now();
      await expect(bus.request("svc.nobody", "x", { timeoutMs: 3000 })).rejects.toBeInstanceOf(NoRespondersError);
      expect(Date.now() - t0).toBeLessThan(1000);
    });

    it("rejects an unanswered request with RequestTimeoutError after the timeout", async () => {
      const bus = await fresh();
      bus.subscribe("svc.silent", () => undefined);
      const t0 = Date.now();
      const err = await bus.request("svc.silent", "x", { timeoutMs: 150 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(RequestTimeoutError);
      expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
    });

    it("gives each message to exactly one queue-group member, and every member some", async () => {
      const bus = await fresh();
      const byMember: number[][] = [[], [], []];
      const everyone: number[] = [];
      byMember.forEach((list, i) => bus.subscribe("job.run", (m) => void list.push(Number(m.data)), { queue: "workers" }));
      bus.subscribe("job.run", (m) => void everyone.push(Number(m.data)));
      const n = 300;
      for (let i = 0; i < n; i++) bus.publish("job.run", String(i));
      await settle(bus);
      const all = byMember.flat().sort((x, y) => x - y);
      expect(all).toEqual(Array.from({ length: n }, (_, i) => i));
      for (const list of byMember) expect(list.length).toBeGreaterThan(0);
      expect(everyone).toHaveLength(n);
    });

    it("stops delivering after unsubscribe", async () => {
      const bus = await fresh();
      const got: string[] = [];
      const sub = bus.subscribe("un.x", (m) => void got.push(m.data));
      expect(sub.subject).toBe("un.x");
      bus.publish("un.x", "1");
      await settle(bus);
      sub.unsubscribe();
      bus.publish("un.x", "2");
      await settle(bus);
      expect(got).toEqual(["1"]);
      sub.unsubscribe(); // idempotent
    });

    it("idle() still resolves when a subscription goes away with messages in flight", async () => {
      const bus = await fresh();
      const sub = bus.subscribe("un.flight", async () => sleep(1));
      const q1 = bus.subscribe("un.q", () => undefined, { queue: "g" });
      const q2 = bus.subscribe("un.q", () => undefined, { queue: "g" });
      for (let i = 0; i < 20; i++) {
        bus.publish("un.flight", String(i));
        bus.publish("un.q", String(i));
      }
      sub.unsubscribe();
      q1.unsubscribe();
      // Promptly: not by waiting out any lost-message grace period.
      await within(bus.idle(), 1000, "idle()");
      q2.unsubscribe();
    });

    it("idle() covers cascades of handlers that publish", async () => {
      const bus = await fresh();
      const log: string[] = [];
      bus.subscribe("cas.1", async (m) => {
        await sleep(5);
        log.push(`1:${m.data}`);
        bus.publish("cas.2", m.data);
      });
      bus.subscribe("cas.2", (m) => {
        log.push(`2:${m.data}`);
        bus.publish("cas.3", m.data);
      });
      bus.subscribe("cas.3", async (m) => {
        await sleep(5);
        log.push(`3:${m.data}`);
      });
      bus.publish("cas.1", "a");
      bus.publish("cas.1", "b");
      await within(bus.idle(), 5000, "idle()");
      expect(log.filter((l) => l.startsWith("3:"))).toEqual(["3:a", "3:b"]);
      expect(log).toHaveLength(6);
    });

    it("reports a throwing or rejecting handler and keeps delivering", async () => {
      const errors: string[] = [];
      const bus = await fresh({ onHandlerError: (err, msg) => void errors.push(`${msg.subject}:${(err as Error).message}`) });
      const got: string[] = [];
      bus.subscribe("bad.sync", (m) => {
        if (m.data === "boom") throw new Error("sync boom");
        got.push(`sync:${m.data}`);
      });
      bus.subscribe("bad.async", async (m) => {
        await sleep(1);
        if (m.data === "boom") throw new Error("async boom");
        got.push(`async:${m.data}`);
      });
      for (const d of ["1", "boom", "2"]) {
        bus.publish("bad.sync", d);
        bus.publish("bad.async", d);
      }
      await within(bus.idle(), 5000, "idle()");
      expect(got.filter((g) => g.startsWith("sync"))).toEqual(["sync:1", "sync:2"]);
      expect(got.filter((g) => g.startsWith("async"))).toEqual(["async:1", "async:2"]);
      expect(errors.sort()).toEqual(["bad.async:async boom", "bad.sync:sync boom"]);
      bus.publish("bad.sync", "3");
      await settle(bus);
      expect(got).toContain("sync:3");
    });

    it("takes a durable subscription on a stored subject only, outside queue groups", async () => {
      const bus = await fresh();
      expect(() => bus.subscribe("md.spot.BTC", () => undefined, { durable: "d1" })).toThrow(/md\.spot\.BTC/);
      expect(() => bus.subscribe("order", () => undefined, { durable: "d2" })).toThrow(/order/);
      expect(() => bus.subscribe("order.x", () => undefined, { durable: "d3", queue: "g" })).toThrow(/queue group/);
    });

    it("delivers the bus's own stored publishes to a durable subscription in order, once, idle() covering them; seen drops a handled id", async () => {
      const bus = await fresh();
      const got: string[] = [];
      const seen = new Set<string>(["e.2"]);
      const store = { has: (id: string) => seen.has(id), add: (id: string) => void seen.add(id) };
      bus.subscribe("order.dur.*", async (m) => {
        await sleep(1);
        got.push(m.data);
      }, { durable: "contract.order.dur.*", seen: store });
      const env = (i: number) => JSON.stringify({ v: 1, id: `e.${i}` });
      for (let i = 0; i < 6; i++) bus.publish(i % 2 ? "order.dur.a" : "order.dur.b", env(i));
      bus.publish("order.dur.a", env(3)); // the same envelope again
      bus.publish("order.other", env(9));
      await within(bus.idle(), 10_000, "idle()");
      expect(got).toEqual([0, 1, 3, 4, 5].map(env));
      expect([...seen].sort()).toEqual(["e.0", "e.1", "e.2", "e.3", "e.4", "e.5"]);
      await bus.deleteDurable?.("contract.order.dur.*");
    });

    it("carries a publish's causal mark (after) to plain, queue and durable subscribers, and none when none was given", async () => {
      const bus = await fresh();
      const got: string[] = [];
      const note = (m: BusMsg) => void got.push(`${m.subject}:${m.after ?? "-"}`);
      bus.subscribe("mark.plain", note);
      bus.subscribe("mark.queue", note, { queue: "g" });
      bus.subscribe("order.mark.*", note, { durable: "contract.order.mark.*" });
      bus.publish("mark.plain", "1", { after: "boss=3,exchange=12" });
      bus.publish("mark.plain", "2");
      bus.publish("mark.queue", "3", { after: "feed=1" });
      bus.publish("order.mark.a", JSON.stringify({ v: 1, id: "m.1" }), { after: "exchange=13" });
      await settle(bus);
      await within(bus.idle(), 10_000, "idle()");
      expect(got.sort()).toEqual(["mark.plain:-", "mark.plain:boss=3,exchange=12", "mark.queue:feed=1", "order.mark.a:exchange=13"]);
      await bus.deleteDurable?.("contract.order.mark.*");
    });

    it("drain() handles what is in flight, then closes", async () => {
      const bus = await fresh();
      const got: number[] = [];
      bus.subscribe("dr.x", async (m) => {
        await sleep(2);
        got.push(Number(m.data));
      });
      for (let i = 0; i < 20; i++) bus.publish("dr.x", String(i));
      await within(bus.drain(), 5000, "drain()");
      expect(got).toEqual(Array.from({ length: 20 }, (_, i) => i));
      expect(() => bus.publish("dr.x", "late")).toThrow(BusClosedError);
    });

    it("throws BusClosedError on publish and subscribe after close; close is idempotent", async () => {
      const bus = await fresh();
      await bus.close();
      expect(() => bus.publish("cl.x", "1")).toThrow(BusClosedError);
      expect(() => bus.subscribe("cl.x", () => undefined)).toThrow(BusClosedError);
      await bus.close();
      await within(bus.idle(), 1000, "idle() after close");
    });

    it("rejects request() after close with BusClosedError", async () => {
      const bus = await fresh();
      await bus.close();
      await expect(bus.request("cl.svc", "1")).rejects.toBeInstanceOf(BusClosedError);
    });
  });
}

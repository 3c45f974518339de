import type { JsMsg } from "@nats-io/jetstream";
import { headers, type NatsConnection } from "@nats-io/transport-node";
import { describe, expect, it } from "vitest";
import type { BusMsg } from "./Bus.ts";
import { DeliveryLedger } from "./DeliveryLedger.ts";
import { DurableSubscription, type DurableHost } from "./NatsDurable.ts";
import { ORIGIN, PUB } from "./natsHeaders.ts";
import { SeenIds } from "./SeenIds.ts";

/** Where the messages' acks go: the log of the test's host (fakeHost sets it). */
let ackLog: string[] = [];

/** A stream message as the consumer hands it over: its msgID; its ack is logged as `ack <seq>`. */
function jsMsg(seq: number, msgId: string, own?: { origin: string; pub: number }): JsMsg {
  const h = headers();
  h.set("Nats-Msg-Id", msgId);
  if (own) {
    h.set(ORIGIN, own.origin);
    h.set(PUB, String(own.pub));
  }
  const m = { seq, subject: "p.order.in", headers: h, string: () => `data-${seq}`, working: () => undefined, ack: () => void ackLog.push(`ack ${seq}`) };
  return m as unknown as JsMsg;
}

function fakeHost(log: string[], flushed: () => Promise<boolean>, ledger = new DeliveryLedger()): DurableHost {
  ackLog = log;
  const nc = { flush: async () => undefined, isClosed: () => false, isDraining: () => false } as unknown as NatsConnection;
  return {
    nc, ledger, origin: "me", stream: "S", ackWaitMs: 30_000, flushed, closed: () => false, strip: (f) => f.slice(2),
    onHandlerError: (err, msg: BusMsg) => void log.push(`error ${msg.data}: ${(err as Error).message}`),
    warn: (m) => void log.push(`warn ${m}`), busy: () => undefined,
  };
}

describe("DurableSubscription.deliver", () => {
  it("acknowledges only once the handler's stored publishes are acknowledged by the stream", async () => {
    const log: string[] = [];
    let storeOutputs!: (ok: boolean) => void;
    const host = fakeHost(log, () => new Promise((r) => (storeOutputs = r)));
    const d = new DurableSubscription("d:k", "p.order.in", "C", (m) => void log.push(`handled ${m.subject} ${m.data}`), new SeenIds(), host);
    await d.deliver(jsMsg(7, "id-7"));
    await new Promise((r) => setTimeout(r, 20));
    expect(log).toEqual(["handled order.in data-7"]); // handled, outputs not yet stored: no ack
    storeOutputs(true);
    await d.acknowledged();
    expect(log).toEqual(["handled order.in data-7", "ack 7"]);
  });

  it("leaves a message unacknowledged when the bus closed before its outputs were stored", async () => {
    const log: string[] = [];
    const seen = new SeenIds();
    const d = new DurableSubscription("d:k", "p.order.in", "C", () => void log.push("handled"), seen, fakeHost(log, async () => false));
    await d.deliver(jsMsg(1, "id-1"));
    await d.acknowledged();
    expect(log).toEqual(["handled"]);
    expect(seen.has("id-1")).toBe(false); // so it is handled again when it comes back
  });

  it("acknowledges without handling an id already seen, and reports then acknowledges a failing handler", async () => {
    const log: string[] = [];
    const seen = new SeenIds();
    seen.add("id-1");
    const d = new DurableSubscription("d:k", "p.order.in", "C", (m) => {
      log.push(`handled ${m.data}`);
      throw new Error("boom");
    }, seen, fakeHost(log, async () => true));
    await d.deliver(jsMsg(1, "id-1"));
    await d.deliver(jsMsg(2, "id-2"));
    await d.deliver(jsMsg(3, "id-2")); // a repeat of id-2 before its ack went out (the same envelope published twice)
    await d.acknowledged();
    await d.deliver(jsMsg(4, "id-2")); // and after (say redelivered after a lost ack)
    await d.acknowledged();
    expect(log.filter((l) => !l.startsWith("ack"))).toEqual(["handled data-2", "error data-2: boom"]);
    expect(log.filter((l) => l.startsWith("ack"))).toEqual(["ack 1", "ack 2", "ack 3", "ack 4"]);
  });

  it("adds a seen id again as it acknowledges the repeat, so a store that keeps a handling's outputs lets them go", async () => {
    const log: string[] = [];
    const adds: string[] = [];
    const store = { has: (id: string) => id === "id-1", add: (id: string) => void adds.push(id) };
    const d = new DurableSubscription("d:k", "p.order.in", "C", () => void log.push("handled"), store, fakeHost(log, async () => true));
    await d.deliver(jsMsg(1, "id-1"));
    await d.acknowledged();
    expect([log, adds]).toEqual([["ack 1"], ["id-1"]]);
  });

  it("counts this bus's own publishes for idle() until handled and acknowledged", async () => {
    const log: string[] = [];
    const ledger = new DeliveryLedger();
    ledger.expectStored(4, new Set(["d:k"]));
    let idle = false;
    void ledger.idle().then(() => (idle = true));
    let finish!: () => void;
    const d = new DurableSubscription("d:k", "p.order.in", "C", () => new Promise<void>((r) => (finish = r)), new SeenIds(), fakeHost(log, async () => true, ledger));
    const done = d.deliver(jsMsg(9, "id-9", { origin: "me", pub: 4 }));
    await new Promise((r) => setTimeout(r, 10));
    expect([idle, ledger.pending]).toEqual([false, 1]);
    finish();
    await done;
    await d.acknowledged();
    await new Promise((r) => setTimeout(r, 0));
    expect([idle, ledger.pending, log]).toEqual([true, 0, ["ack 9"]]);
  });
});

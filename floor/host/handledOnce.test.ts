import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getMeta, openDb, SeenEnvelopes, setMeta, type Db } from "../../state/index.ts";
import { LocalBus } from "../bus/LocalBus.ts";
import { SimClock } from "../clock/index.ts";
import { createLogger } from "../log/createLogger.ts";
import type { AgentSpec } from "./AgentSpec.ts";
import { handledOnce } from "./handledOnce.ts";
import { HostOutbox } from "./HostOutbox.ts";

let db: Db, bus: LocalBus, seen: SeenEnvelopes, out: HostOutbox;
const spec = { id: "m1", kind: "monitor", config: {} } as AgentSpec;
const counters = { received: 0, invalid: 0, handlerErrors: 0, published: 0, crashes: 0, restarts: 0, dropped: 0, withheld: 0, fenced: 0, refused: 0 };
const fact = { kind: "x", severity: "info", detail: {} } as const;
beforeEach(() => {
  db = openDb(":memory:");
  bus = new LocalBus();
  seen = new SeenEnvelopes(db, "m1.audit.in");
  out = new HostOutbox({ spec, bus, clock: new SimClock(0), log: createLogger({ level: "silent" }), runId: 1, counters });
});
afterEach(async () => {
  await bus.close();
  db.close();
});

describe("handledOnce", () => {
  it("commits the handling's writes and its record together, with what it sent on stored subjects only", () => {
    handledOnce(db, seen, "in.1", out, () => {
      setMeta(db, "k", "v");
      out.publish("audit.out", fact);
      out.publish("hb.m1", { state: "on", seq: 1 }); // a core subject: nothing to keep
    });
    expect(db.inTransaction).toBe(false);
    expect([getMeta(db, "k"), seen.has("in.1")]).toEqual(["v", true]);
    expect(seen.unsent().map((m) => [m.subject, (JSON.parse(m.data) as { id: string }).id])).toEqual([["audit.out", "m1.1.1"]]);
  });

  it("keeps what a failing handler wrote and counts it handled, then throws its error", () => {
    expect(() => handledOnce(db, seen, "in.2", out, () => {
      setMeta(db, "k", "partial");
      throw new Error("bad input");
    })).toThrow("bad input");
    expect([getMeta(db, "k"), seen.has("in.2")]).toEqual(["partial", true]);
  });

  it("leaves an asynchronous handling's id to the bus's add: it goes on past the transaction", async () => {
    let finish!: () => void;
    const r = handledOnce(db, seen, "in.3", out, () => new Promise<void>((res) => (finish = res)));
    expect(seen.has("in.3")).toBe(false);
    finish();
    await r;
    expect(seen.has("in.3")).toBe(false);
  });
});

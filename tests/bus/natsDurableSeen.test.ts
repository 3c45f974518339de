// A durable consumer's seen ids in its process's SQLite file (SeenEnvelopes, recorded by AgentHost
// in the handling's own transaction): a message handled and committed whose ack never reached the
// server comes again to the next process on the same file, and is not handled a second time; what
// the handling sent goes out again, and the stream keeps it once.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { setup } from "xstate";
import { families } from "../../protocols/index.ts";
import { getMeta, openDb, SeenEnvelopes, setMeta, type Db } from "../../state/index.ts";
import { SimClock } from "../../floor/clock/index.ts";
import { createLogger } from "../../floor/log/createLogger.ts";
import { AgentHost } from "../../floor/host/AgentHost.ts";
import { route, type AgentSpec } from "../../floor/host/AgentSpec.ts";
import { describeNats, natsBusPerTest, natsUrl, uniquePrefix } from "../helpers/nats.ts";
import { waitFor, within } from "./busContract.ts";

const T0 = Date.UTC(2026, 0, 1);
const machine = setup({}).createMachine({ id: "toy", initial: "on", states: { on: {} } });
const log = createLogger({ level: "silent" });
const fact = (id: string) => JSON.stringify({ v: 1, id, ts: T0, src: "someone", kind: "in", severity: "info", detail: {} });

/** Counts in its own file each fact it hears on `audit.in` and answers it on `audit.out`; `afterWrite` runs after both. */
function counter(afterWrite: (id: string) => void = () => undefined): AgentSpec {
  return {
    id: "toy", kind: "monitor", config: {},
    create: (ctx) => ({
      machine, machineVersion: "toy@1",
      routes: [route(families.audit, (f) => {
        setMeta(ctx.db, `handled ${f.id}`, String(Number(getMeta(ctx.db, `handled ${f.id}`) ?? 0) + 1));
        ctx.publish("audit.out", { kind: "out", severity: "info", detail: { for: f.id } });
        afterWrite(f.id);
      }, { pattern: "audit.in" })],
    }),
  };
}

let dir: string;
const dbs: Db[] = [];
const open = () => {
  const db = openDb(join(dir, "floor.db"));
  dbs.push(db);
  return db;
};
beforeEach(() => void (dir = mkdtempSync(join(tmpdir(), "pf-seen-"))));
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
  rmSync(dir, { recursive: true, force: true });
});

await describeNats("a durable route's seen ids across a crash", () => {
  const bus = natsBusPerTest(natsUrl());

  it("does not handle again a message whose handling committed but whose ack never reached the server", async () => {
    const prefix = uniquePrefix("seen");
    // The first process: it handles in.1, commits, and dies before the ack goes out (its bus closes
    // inside the handler, as a SIGKILL would stop it: the queued ack then never leaves).
    const a = await bus(prefix);
    const dbA = open();
    let crashed = false;
    const hostA = new AgentHost(counter(() => {
      crashed = true;
      void a.close();
    }), { bus: a, clock: new SimClock(T0), db: dbA, log, runId: 1 });
    hostA.start();
    await within(a.idle(), 10_000, "the durable consumer made");
    const sender = await bus(prefix);
    sender.publish("audit.in", fact("in.1"));
    await within(sender.idle(), 10_000, "in.1 stored");
    await waitFor(() => crashed, 10_000, "in.1 handled");
    expect(getMeta(dbA, "handled in.1")).toBe("1");

    // The next process on the same file: a fresh bus, host and store. The server sends in.1 again.
    const b = await bus(prefix);
    const dbB = open();
    const hostB = new AgentHost(counter(), { bus: b, clock: new SimClock(T0), db: dbB, log, runId: 2 });
    hostB.start();
    sender.publish("audit.in", fact("in.2"));
    await waitFor(() => getMeta(dbB, "handled in.2") === "1", 10_000, "in.2 handled");
    expect(await within(b.caughtUp(10_000), 12_000, "the durable caught up")).toBe(true);
    expect(getMeta(dbB, "handled in.1")).toBe("1"); // handled once, across the crash
    expect(hostB.counters.received).toBe(1); // in.2 only: the copy of in.1 was dropped as seen

    // in.1's answer went out again at the start, under its own envelope id: had it been cut off with
    // its process the stream would have it now; here it was stored before, and the stream keeps a
    // second copy (the outbox stores a repeated msgID under a new one), which every durable drops.
    const outs = (await b.streamMessages("audit.out")).map((m) => JSON.parse(m.data) as { id: string; detail: { for: string } });
    expect(new Set(outs.map((o) => o.detail.for))).toEqual(new Set(["in.1", "in.2"]));
    expect(new Set(outs.filter((o) => o.detail.for === "in.1").map((o) => o.id)).size).toBe(1);
    await hostB.stop();
  }, 60_000);

  it("sends at its start what a handling sent that the stream was not known to hold, and lets it go once the repeat is acknowledged", async () => {
    const prefix = uniquePrefix("seen");
    const db = open();
    const cut = JSON.stringify({ v: 1, id: "toy.1.7", ts: T0, src: "toy", kind: "out", severity: "info", detail: { for: "in.9" } });
    new SeenEnvelopes(db, "toy.audit.in").record("in.9", [{ subject: "audit.out", data: cut }]);
    const b = await bus(prefix);
    const host = new AgentHost(counter(), { bus: b, clock: new SimClock(T0), db, log, runId: 2 });
    host.start();
    await within(b.idle(), 10_000, "the resend stored");
    expect((await b.streamMessages("audit.out")).map((m) => m.data)).toEqual([cut]);
    b.publish("audit.in", fact("in.9")); // the input, as the server would send it again
    await waitFor(() => new SeenEnvelopes(db, "toy.audit.in").unsent().length === 0, 10_000, "the kept answer let go");
    expect(getMeta(db, "handled in.9")).toBeUndefined();
    await host.stop();
  }, 60_000);
});

// An agent's durable consumers and its seen ids (seen_envelopes) across its restarts and its
// retirement: a process restart keeps both, so the agent resumes after its last ack; a retirement
// (the boss's kill, a removed file: the supervisor's `retire`) deletes both, on the server and in
// the file.
import { jetstreamManager } from "@nats-io/jetstream";
import { afterEach, expect, it } from "vitest";
import { FloorConfig } from "../../protocols/index.ts";
import { durableConsumerName } from "../../floor/bus/durableName.ts";
import type { NatsBus } from "../../floor/bus/index.ts";
import { SimClock } from "../../floor/clock/index.ts";
import { createLogger } from "../../floor/log/createLogger.ts";
import { fileKinds } from "../../floor/host/catalog.ts";
import { checkAgentConfig } from "../../floor/host/checkAgentConfig.ts";
import { Supervisor, type SupervisorCommand } from "../../floor/host/Supervisor.ts";
import { connectRaw, describeNats, natsBusPerTest, natsUrl, uniquePrefix } from "../helpers/nats.ts";
import { dbPerTest } from "../helpers/dbPerTest.ts";
import { waitFor, within } from "./busContract.ts";

const T0 = Date.UTC(2026, 0, 1);
const log = createLogger({ level: "silent" });
const floor = FloorConfig.parse({});
const momentum = { kind: "trader", strategy: "momentum", params: {} };
/** An envelope on a trader's stored subject: invalid as an order event, but handled (and seen) all the same. */
const envelope = (id: string) => JSON.stringify({ v: 1, id, ts: T0, src: "exchange" });

const db = dbPerTest("retired");
const seenOf = (agentId: string) =>
  (db().prepare("SELECT consumer, id FROM seen_envelopes WHERE substr(consumer, 1, ?) = ? ORDER BY consumer, id").all(agentId.length + 1, `${agentId}.`) as Array<{ consumer: string; id: string }>).map((r) => `${r.consumer} ${r.id}`);

await describeNats("a retired agent's durables and seen ids", () => {
  const bus = natsBusPerTest(natsUrl());
  const supervisors: Supervisor[] = [];
  const clock = new SimClock(T0);
  const supervisor = (b: NatsBus) => {
    const sup = new Supervisor({ bus: b, clock, db: db(), log, runId: supervisors.length + 1, floor });
    supervisors.push(sup);
    return sup;
  };
  afterEach(async () => {
    for (const s of supervisors.splice(0)) await s.stopAll();
  });
  /** Run a command between two steps, as the floor does. */
  const run = async (sup: Supervisor, b: NatsBus, cmd: Pick<SupervisorCommand, "verb" | "agentId"> & Partial<SupervisorCommand>) => {
    const reply = sup.submit({ by: "tester", reason: "a test asked", ...cmd });
    await sup.applyPending();
    await within(b.idle(), 10_000, `${cmd.verb} ${cmd.agentId}`);
    sup.flushReplies();
    return reply;
  };
  /** The floor stream's consumers of `agentId`'s durables on the server. */
  const consumersOf = async (b: NatsBus, durables: string[]) => {
    const nc = await connectRaw(natsUrl());
    try {
      const names = new Set<string>();
      for await (const c of (await jetstreamManager(nc)).consumers.list(b.streamName)) names.add(c.name);
      return durables.filter((d) => names.has(durableConsumerName(b.streamName, d)));
    } finally {
      await nc.close();
    }
  };

  it("keeps them across a crash and a process restart, which resumes after its last ack; deletes them when the agent is retired, and only its own", async () => {
    const prefix = uniquePrefix("ret");
    const sender = await bus(prefix);
    const a = await bus(prefix);
    const supA = supervisor(a);
    for (const id of ["t1", "t2"]) expect(await run(supA, a, { verb: "spawn", agentId: id, config: momentum })).toMatchObject({ ok: true });
    const durables = supA.get("t1")!.durables;
    expect(durables).toEqual(expect.arrayContaining(["t1.order.event.t1", "t1.order.decision.t1"]));
    for (const id of ["t1", "t2"]) sender.publish(`order.event.${id}`, envelope(`exchange.1.${id}-a`));
    await within(sender.idle(), 10_000, "stored");
    await waitFor(() => seenOf("t1").length === 1 && seenOf("t2").length === 1, 10_000, "both handled");

    // A crash (the watchdog's), then its restart after the backoff: the host's routes stay as they were.
    const crashed = supA.get("t1")!;
    crashed.hung(T0, 1);
    expect(crashed.state).toBe("restarting");
    clock.advanceTo(T0 + 60_000);
    supA.tick(T0 + 60_000);
    expect(crashed.counters.restarts).toBe(1);
    expect(await consumersOf(a, durables)).toEqual(durables);

    // The process stops; meanwhile a message for t1 is stored. The next process on the same file starts t1 again.
    await supA.stopAll();
    await a.close();
    expect(await consumersOf(a, durables)).toEqual(durables);
    sender.publish("order.event.t1", envelope("exchange.1.t1-b"));
    await within(sender.idle(), 10_000, "stored while t1 was down");
    const b = await bus(prefix);
    const supB = supervisor(b);
    const checked = checkAgentConfig("t1", momentum, floor);
    if (!checked.ok) throw new Error(checked.error);
    supB.boot(fileKinds().get("trader")!.spec(checked.config), "command");
    // Read from its kept consumer: a new one (deliver policy "new") would never hand it what came while it was down.
    await waitFor(() => seenOf("t1").length === 2, 10_000, "t1 resumed with what it missed");
    expect(seenOf("t1")).toEqual(["t1.order.event.t1 exchange.1.t1-a", "t1.order.event.t1 exchange.1.t1-b"]);
    expect(supB.get("t1")!.counters.received).toBe(1); // t1-a was acknowledged before the stop: not sent again

    // Retired (as the boss's selection kills it): its consumers leave the server and its ids the file; t2's stay.
    expect(await run(supB, b, { verb: "retire", agentId: "t1", by: "boss", reason: "killed by selection" })).toMatchObject({ ok: true, outcome: "retired" });
    expect(await consumersOf(b, durables)).toEqual([]);
    expect(seenOf("t1")).toEqual([]);
    expect(seenOf("t2")).toEqual(["t2.order.event.t2 exchange.1.t2-a"]);
    expect(await consumersOf(b, ["t2.order.event.t2"])).toEqual(["t2.order.event.t2"]);
  }, 60_000);

  it("deletes them too for an agent retired with no host (its file went while the floor was down), found by its seen ids", async () => {
    const prefix = uniquePrefix("ret");
    const a = await bus(prefix);
    const supA = supervisor(a);
    await run(supA, a, { verb: "spawn", agentId: "t1", config: momentum });
    a.publish("order.event.t1", envelope("exchange.1.t1-a"));
    await waitFor(() => seenOf("t1").length === 1, 10_000, "handled");
    await supA.stopAll();
    await a.close();

    const b = await bus(prefix);
    const supB = supervisor(b);
    expect(await run(supB, b, { verb: "retire", agentId: "t1", by: "config", reason: "its config file is gone" })).toMatchObject({ ok: true, outcome: "retired" });
    expect(await consumersOf(b, ["t1.order.event.t1"])).toEqual([]);
    expect(seenOf("t1")).toEqual([]);
  }, 60_000);

  it("deletes every durable of an agent retired with no host, those it never handled a message on included, and not a neighbour's whose id starts alike", async () => {
    const prefix = uniquePrefix("ret");
    const a = await bus(prefix);
    const supA = supervisor(a);
    // t1_order's consumer names start as t1's do once `.` is `_`: only the hash in the name tells them apart.
    for (const id of ["t1", "t1_order"]) await run(supA, a, { verb: "spawn", agentId: id, config: momentum });
    const t1 = supA.get("t1")!.durables;
    const neighbour = supA.get("t1_order")!.durables;
    await supA.stopAll();
    await a.close();
    expect(seenOf("t1")).toEqual([]); // nothing handled: no seen ids to find its durables by

    const b = await bus(prefix);
    const supB = supervisor(b);
    expect(await b.durablesOf("t1")).toEqual([...t1].sort());
    expect(await run(supB, b, { verb: "retire", agentId: "t1", by: "config", reason: "its config file is gone" })).toMatchObject({ ok: true, outcome: "retired" });
    expect(await consumersOf(b, t1)).toEqual([]);
    expect(await consumersOf(b, neighbour)).toEqual(neighbour);
    expect(await b.durablesOf("t1_order")).toEqual([...neighbour].sort());
  }, 60_000);
});

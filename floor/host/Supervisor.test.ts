import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { setup } from "xstate";
import { FloorConfig, families, patterns, type AgentCommandReply, type AgentLifecycle, type AuditFact } from "../../protocols/index.ts";
import { agentRecord, listAgentEvents, loadSnapshot, openDb, recordDeath, registerAgent, type Db } from "../../state/index.ts";
import { tmpDir } from "../../tests/helpers/tmp.ts";
import { LocalBus } from "../bus/index.ts";
import { SimClock } from "../clock/index.ts";
import { createLogger } from "../log/createLogger.ts";
import { route, type AgentSpec } from "./AgentSpec.ts";
import { catalog, fileKinds } from "./catalog.ts";
import { checkAgentConfig } from "./checkAgentConfig.ts";
import { Supervisor, type SupervisorCommand } from "./Supervisor.ts";

const T0 = Date.UTC(2026, 0, 1);
const TRADER = "trader@2";
let tmp: ReturnType<typeof tmpDir>, db: Db, bus: LocalBus, clock: SimClock, sup: Supervisor, life: AgentLifecycle[], audits: AuditFact[], seq: number;

const momentum = (params: Record<string, unknown> = {}) => ({ kind: "trader", strategy: "momentum", params });

/** Queue a command, run it between two steps and answer it, as the floor does. */
async function run(cmd: Partial<SupervisorCommand> & Pick<SupervisorCommand, "verb" | "agentId">): Promise<AgentCommandReply> {
  const reply = sup.submit({ by: "tester", reason: "a test asked", ...cmd });
  await sup.applyPending();
  await bus.idle();
  sup.flushReplies();
  return reply;
}
const spawn = (agentId: string, config: Record<string, unknown> = momentum()) => run({ verb: "spawn", agentId, config });

/** A control message as the boss sends it (ctl.* is only taken from src "boss"). */
async function allocate(agentId: string, capital: number): Promise<void> {
  bus.publish(`ctl.${agentId}.allocate`, JSON.stringify({ v: 1, id: `boss.1.${++seq}`, ts: clock.now(), src: "boss", verb: "allocate", capital }));
  await bus.idle();
}
const capitalOf = (agentId: string) => (loadSnapshot(db, agentId, TRADER) as { context: { capital: number } } | undefined)?.context.capital;

beforeEach(() => {
  tmp = tmpDir("supervisor");
  db = openDb(tmp.path("floor.db"));
  bus = new LocalBus();
  clock = new SimClock(T0);
  seq = 0;
  life = [];
  audits = [];
  bus.subscribe("floor.life.*", (m) => void life.push(JSON.parse(m.data) as AgentLifecycle));
  bus.subscribe("audit.*", (m) => void audits.push(JSON.parse(m.data) as AuditFact));
  sup = new Supervisor({ bus, clock, db, log: createLogger({ level: "silent" }), runId: 1, floor: FloorConfig.parse({}) });
  sup.listen();
});
afterEach(async () => {
  await sup.stopAll();
  await bus.close();
  db.close();
  tmp.remove();
});

describe("Supervisor: spawn", () => {
  it("starts the agent, registers it as the command's, records who asked and why, and announces it", async () => {
    expect(fileKinds().get("trader")).toBeDefined();
    const reply = await spawn("t1");
    expect(reply).toMatchObject({ ok: true, verb: "spawn", agentId: "t1", outcome: "spawned" });
    const h = sup.get("t1");
    expect(h?.state).toBe("warmingUp");
    expect(reply.state).toBe(h?.state);
    expect(agentRecord(db, "t1")).toMatchObject({ kind: "trader", origin: "command", diedTs: null, config: { id: "t1", strategy: "momentum" } });
    expect(listAgentEvents(db, "t1")).toEqual([{ agentId: "t1", verb: "spawned", by: "tester", reason: "a test asked", config: expect.objectContaining({ id: "t1" }), ts: T0 }]);
    expect(life).toEqual([expect.objectContaining({ verb: "spawn", agentId: "t1", kind: "trader", by: "tester", reason: "a test asked", src: "t1" })]);
    expect(life[0]!.reborn).toBeUndefined();
  });

  it("refuses to spawn an id that is running, and audits the refusal", async () => {
    await spawn("t1");
    const first = sup.get("t1");
    const reply = await spawn("t1", momentum({ minEdge: 0.1 }));
    expect(reply).toMatchObject({ ok: false, outcome: "refused", error: "t1 is already running (reconfigure it instead)" });
    expect(sup.get("t1")).toBe(first);
    expect(listAgentEvents(db, "t1")).toHaveLength(1);
    expect(audits).toContainEqual(expect.objectContaining({ kind: "command_refused", severity: "invalid", src: "supervisor", detail: expect.objectContaining({ verb: "spawn", agentId: "t1", by: "tester" }) }));
  });

  it("refuses a config its kind's schema refuses, starting nothing", async () => {
    const reply = await spawn("t1", momentum({ minEdge: 0.9 }));
    expect(reply).toMatchObject({ ok: false, outcome: "refused", error: expect.stringMatching(/^params\.minEdge: /) });
    expect(sup.get("t1")).toBeUndefined();
    expect(agentRecord(db, "t1")).toBeUndefined();
  });
});

describe("Supervisor: retire", () => {
  it("stops the host, records the death and announces it", async () => {
    await spawn("t1");
    clock.advanceTo(T0 + 1000);
    const reply = await run({ verb: "retire", agentId: "t1", reason: "enough" });
    expect(reply).toEqual({ ok: true, verb: "retire", agentId: "t1", outcome: "retired", state: "retired" });
    expect(sup.get("t1")).toBeUndefined();
    expect(sup.all).toEqual([]);
    expect(agentRecord(db, "t1")).toMatchObject({ diedTs: T0 + 1000, deathReason: "enough", state: "retired" });
    expect(listAgentEvents(db, "t1").map((e) => [e.verb, e.by, e.reason, e.ts])).toEqual([
      ["spawned", "tester", "a test asked", T0],
      ["retired", "tester", "enough", T0 + 1000],
    ]);
    expect(life.at(-1)).toMatchObject({ verb: "retired", agentId: "t1", kind: "trader", by: "tester", reason: "enough" });
  });

  it("refuses an id that is not running", async () => {
    expect(await run({ verb: "retire", agentId: "ghost" })).toMatchObject({ ok: false, outcome: "refused", error: "ghost is not running" });
    await spawn("t1");
    await run({ verb: "retire", agentId: "t1" });
    expect(await run({ verb: "retire", agentId: "t1" })).toMatchObject({ ok: false, outcome: "refused", error: "t1 is not running" });
  });

  it("refuses to retire one of the floor's own agents", async () => {
    const auditor = sup.boot(catalog().auditor(), "floor");
    await bus.idle();
    const reply = await run({ verb: "retire", agentId: auditor.id });
    expect(reply).toMatchObject({ ok: false, outcome: "refused", error: expect.stringContaining("is one of the floor's own agents") });
    expect(sup.get(auditor.id)).toBe(auditor);
    expect(agentRecord(db, auditor.id)?.diedTs).toBeNull();
  });
});

describe("Supervisor: reconfigure", () => {
  it("updates in place when only updatable parameters changed", async () => {
    await spawn("t1");
    const h = sup.get("t1");
    const reply = await run({ verb: "reconfigure", agentId: "t1", config: momentum({ minEdge: 0.08 }), reason: "tighter" });
    expect(reply).toMatchObject({ ok: true, verb: "reconfigure", outcome: "updated" });
    expect(sup.get("t1")).toBe(h);
    expect(h?.config).toMatchObject({ params: { minEdge: 0.08 } });
    expect(agentRecord(db, "t1")?.config).toMatchObject({ params: { minEdge: 0.08, lookbackSec: 120 } });
    expect(listAgentEvents(db, "t1").at(-1)).toMatchObject({ verb: "updated", by: "tester", reason: "tighter", config: { params: { minEdge: 0.08 } } });
    expect(life.at(-1)).toMatchObject({ verb: "reconfigured", agentId: "t1", reason: "tighter (in place)" });
  });

  it("restarts under the same id when a restart-only parameter changed, restoring the old host's snapshot", async () => {
    await spawn("t1");
    await allocate("t1", 500_000_000);
    expect(capitalOf("t1")).toBe(500_000_000);
    const old = sup.get("t1");
    const reply = await run({ verb: "reconfigure", agentId: "t1", config: momentum({ lookbackSec: 300 }), reason: "longer memory" });
    expect(reply).toMatchObject({ ok: true, outcome: "reconfigured" });
    const h = sup.get("t1");
    expect(h).toBeDefined();
    expect(h).not.toBe(old);
    expect(h?.config).toMatchObject({ params: { lookbackSec: 300 } });
    expect(capitalOf("t1")).toBe(500_000_000);
    expect(agentRecord(db, "t1")).toMatchObject({ origin: "command", config: { params: { lookbackSec: 300 } } });
    expect(listAgentEvents(db, "t1").at(-1)).toMatchObject({ verb: "reconfigured", reason: "longer memory" });
    expect(life.at(-1)).toMatchObject({ verb: "reconfigured", agentId: "t1", by: "tester", reason: "longer memory (restarted)" });
    // The restarted agent still takes the boss's word, with the capital it had.
    await allocate("t1", 600_000_000);
    expect(capitalOf("t1")).toBe(600_000_000);
  });

  it("retires an agent whose config says enabled: false", async () => {
    await spawn("t1");
    const reply = await run({ verb: "reconfigure", agentId: "t1", config: { ...momentum(), enabled: false } });
    expect(reply).toMatchObject({ ok: true, verb: "reconfigure", outcome: "retired" });
    expect(sup.get("t1")).toBeUndefined();
    expect(agentRecord(db, "t1")?.diedTs).toBe(T0);
    expect(life.at(-1)).toMatchObject({ verb: "retired", agentId: "t1" });
  });

  it("says unchanged for the same config, and refuses an agent that is not running", async () => {
    await spawn("t1", momentum({ minEdge: 0.05 }));
    const h = sup.get("t1");
    const before = life.length;
    expect(await run({ verb: "reconfigure", agentId: "t1", config: momentum({ minEdge: 0.05 }) })).toMatchObject({ ok: true, outcome: "unchanged" });
    expect(sup.get("t1")).toBe(h);
    expect(life).toHaveLength(before);
    expect(listAgentEvents(db, "t1")).toHaveLength(1);
    expect(await run({ verb: "reconfigure", agentId: "t2", config: momentum() })).toMatchObject({ ok: false, outcome: "refused", error: "t2 is not running (spawn it instead)" });
  });
});

describe("Supervisor: a retired id born again", () => {
  it("revives its registry row, forgets its old snapshot and announces it reborn", async () => {
    await spawn("t1");
    await allocate("t1", 500_000_000);
    await run({ verb: "retire", agentId: "t1" });
    expect(agentRecord(db, "t1")?.diedTs).not.toBeNull();
    clock.advanceTo(T0 + 5000);
    const reply = await run({ verb: "spawn", agentId: "t1", config: momentum(), by: "boss", reason: "a second life" });
    expect(reply).toMatchObject({ ok: true, outcome: "spawned" });
    expect(agentRecord(db, "t1")).toMatchObject({ diedTs: null, deathReason: null, bornTs: T0 + 5000, origin: "command" });
    expect(capitalOf("t1")).toBe(0); // a fresh machine, not the old one's
    expect(life.at(-1)).toMatchObject({ verb: "spawn", agentId: "t1", by: "boss", reason: "a second life", reborn: true });
  });
});

describe("Supervisor: a failed id born again", () => {
  it("lets a spawn replace a failed agent's host: revived, with a fresh machine, announced reborn", async () => {
    // A trader-kind agent defined only here, whose every control message throws.
    const throwing: AgentSpec = {
      id: "t1", kind: "trader", config: {},
      create: () => ({
        machine: setup({}).createMachine({ id: "throwing", initial: "up", states: { up: {} } }),
        machineVersion: "throwing@1",
        routes: [route(families.ctl, () => { throw new Error("bad"); }, { pattern: patterns.ctlOf("t1") })],
      }),
    };
    const failed = sup.boot(throwing, "command");
    await allocate("t1", 1); // crash: a restart after 1 s
    clock.advanceTo(T0 + 1000);
    sup.tick(T0 + 1000);
    await allocate("t1", 1); // crash again within 5 s: failed
    expect(failed.state).toBe("failed");
    expect(agentRecord(db, "t1")).toMatchObject({ state: "failed", diedTs: T0 + 1000 });
    expect(await spawn("t1", momentum({ minEdge: 0.07 }))).toMatchObject({ ok: true, outcome: "spawned", state: "warmingUp" });
    expect(sup.get("t1")).not.toBe(failed);
    expect(agentRecord(db, "t1")).toMatchObject({ diedTs: null, kind: "trader" });
    expect(life.at(-1)).toMatchObject({ verb: "spawn", agentId: "t1", reborn: true });
  });
});

describe("Supervisor: a dead agent the floor starts with", () => {
  it("boots an id the registry has failed (its file still there) as a rebirth, but keeps a failed host of an exact resume failed", async () => {
    const config = checkAgentConfig("t1", momentum(), FloorConfig.parse({}));
    if (!config.ok) throw new Error(config.error);
    registerAgent(db, { agentId: "t1", kind: "trader", config: config.config, state: "failed", ts: T0, origin: "config" });
    recordDeath(db, "t1", "restart intensity exceeded", T0);
    const h = sup.boot(fileKinds().get("trader")!.spec(config.config), "config");
    await bus.idle();
    expect(agentRecord(db, "t1")).toMatchObject({ diedTs: null, deathReason: null, state: "warmingUp" });
    expect(life.at(-1)).toMatchObject({ verb: "spawn", agentId: "t1", reborn: true });
    const cp = { ...h.checkpoint(), failed: true };
    await sup.stopAll();
    recordDeath(db, "t1", "restart intensity exceeded", T0 + 1000);
    sup = new Supervisor({ bus, clock, db, log: createLogger({ level: "silent" }), runId: 2, floor: FloorConfig.parse({}) });
    const again = sup.boot(fileKinds().get("trader")!.spec(config.config), "config", cp);
    expect(again.state).toBe("failed");
    expect(agentRecord(db, "t1")?.diedTs).toBe(T0 + 1000);
  });
});

describe("Supervisor: replies and the bus", () => {
  it("answers only at flushReplies, after the step that ran the command", async () => {
    let answered: AgentCommandReply | undefined;
    const p = sup.submit({ verb: "spawn", agentId: "t1", config: momentum(), by: "tester", reason: "why not" }).then((r) => (answered = r));
    await new Promise((r) => setTimeout(r, 10));
    expect(answered).toBeUndefined();
    expect(await sup.applyPending()).toBe(1);
    await new Promise((r) => setTimeout(r, 10));
    expect(sup.get("t1")).toBeDefined();
    expect(answered).toBeUndefined();
    sup.flushReplies();
    await p;
    expect(answered).toMatchObject({ ok: true, outcome: "spawned" });
  });

  it("runs a command from the bus in its sender's name", async () => {
    const req = bus.request("floor.agent.spawn", JSON.stringify({ v: 1, id: "boss.1.1", ts: T0, src: "boss", verb: "spawn", agentId: "t1", config: momentum(), reason: "a clone" }));
    await bus.idle();
    expect(await sup.applyPending()).toBe(1);
    sup.flushReplies();
    const reply = JSON.parse((await req).data) as AgentCommandReply;
    expect(reply).toMatchObject({ ok: true, verb: "spawn", agentId: "t1", outcome: "spawned" });
    expect(agentRecord(db, "t1")?.origin).toBe("command");
    expect(listAgentEvents(db, "t1")[0]).toMatchObject({ by: "boss", reason: "a clone" });
  });

  it("refuses an invalid bus command at once, and audits it", async () => {
    const reply = JSON.parse((await bus.request("floor.agent.spawn", JSON.stringify({ v: 1, id: "x.1", ts: T0, src: "x", verb: "spawn", agentId: "t1", reason: "" }))).data) as AgentCommandReply;
    expect(reply).toMatchObject({ ok: false, outcome: "refused", error: expect.stringMatching(/^invalid command: /) });
    expect(await sup.applyPending()).toBe(0);
    expect(sup.get("t1")).toBeUndefined();
    expect(audits).toContainEqual(expect.objectContaining({ kind: "invalid", src: "supervisor", detail: expect.objectContaining({ subject: "floor.agent.spawn" }) }));
  });

  it("refuses what is still queued when the floor stops", async () => {
    const reply = sup.submit({ verb: "spawn", agentId: "t1", config: momentum(), by: "tester", reason: "too late" });
    await sup.stopAll();
    expect(await reply).toEqual({ ok: false, verb: "spawn", agentId: "t1", outcome: "refused", error: "the floor is stopping" });
    expect(sup.get("t1")).toBeUndefined();
    expect(agentRecord(db, "t1")).toBeUndefined();
  });
});

describe("Supervisor: the watchdog", () => {
  /** A trader-kind agent defined only here: its control handler never settles (a hung venue call, say). */
  const hanging = (id: string): AgentSpec => ({
    id, kind: "trader", config: {},
    create: () => ({
      machine: setup({}).createMachine({ id: "hanging", initial: "waiting", states: { waiting: {} } }),
      machineVersion: "hanging@1",
      routes: [route(families.ctl, () => new Promise<void>(() => undefined), { pattern: patterns.ctlOf(id) })],
    }),
  });
  const poke = (id: string) => bus.publish(`ctl.${id}.pause`, JSON.stringify({ v: 1, id: `boss.1.${++seq}`, ts: clock.now(), src: "boss", verb: "pause" }));

  it("restarts an agent whose handler never settles once its heartbeats stop, then fails it when it hangs again within the period", async () => {
    const floor = FloorConfig.parse({ supervision: { heartbeatMs: 1_000, missedBeats: 3, periodMs: 60_000 } });
    const s = new Supervisor({ bus, clock, db, log: createLogger({ level: "silent" }), runId: 2, floor });
    const beats: number[] = [];
    const decisions: Array<Record<string, unknown>> = [];
    bus.subscribe("hb.h1", (m) => void beats.push((JSON.parse(m.data) as { ts: number }).ts - T0));
    bus.subscribe("audit.supervision", (m) => void decisions.push((JSON.parse(m.data) as { detail: Record<string, unknown> }).detail));
    const h = s.boot(hanging("h1"), "command");
    const step = async (sec: number) => {
      clock.advanceTo(T0 + sec * 1000);
      s.tick(T0 + sec * 1000);
      await bus.idle();
    };
    await step(0);
    poke("h1"); // hangs from 0 s; the bus waits on it one heartbeat interval of wall time, then lets the floor go on
    const wall = performance.now();
    await bus.idle();
    expect(performance.now() - wall).toBeGreaterThanOrEqual(900);
    for (let t = 1; t <= 5; t++) await step(t);
    // Beats at 0 and 1 s (unsettled for 1 s is not yet stuck), then none; at 5 s it is 4 s silent, over 3 × 1 s.
    expect(beats).toEqual([0, 1_000]);
    expect(h.counters.withheld).toBe(4);
    expect(h.state).toBe("restarting");
    expect(decisions[0]).toMatchObject({ decision: "restart", agentId: "h1", during: "watchdog", attempt: 1, backoffMs: 1_000, restartAt: T0 + 6_000 });
    expect(decisions[0]!.error).toBe("Error: hung: no heartbeat for 4000 ms (limit 3000 ms), its oldest handler unsettled for 5000 ms");
    poke("h1"); // down: dropped, never queued
    await bus.idle();
    await step(6);
    expect(h.state).toBe("waiting");
    expect(h.counters).toMatchObject({ restarts: 1, dropped: 1 });
    expect(beats.at(-1)).toBe(6_000);
    poke("h1"); // a second hang, from 6 s: the bus no longer waits on this one after the first second either
    await bus.idle();
    for (let t = 7; t <= 11; t++) await step(t);
    expect(h.state).toBe("failed");
    expect(decisions.at(-1)).toMatchObject({ decision: "failed", agentId: "h1", during: "watchdog", attempt: 2, restartsInWindow: 1, intensity: 1, periodMs: 60_000 });
    expect(agentRecord(db, "h1")).toMatchObject({ state: "failed", diedTs: T0 + 11_000 });
    expect(life.map((l) => [l.verb, l.agentId])).toEqual([["spawn", "h1"], ["restarted", "h1"], ["failed", "h1"]]);
    await s.stopAll();
  });

  it("does not mistake a quiet agent for a hung one: an agent with no messages heartbeats on", async () => {
    const floor = FloorConfig.parse({ supervision: { heartbeatMs: 1_000, missedBeats: 2 } });
    const s = new Supervisor({ bus, clock, db, log: createLogger({ level: "silent" }), runId: 2, floor });
    const h = s.boot(hanging("h2"), "command");
    for (let t = 0; t <= 30; t++) {
      clock.advanceTo(T0 + t * 1000);
      s.tick(T0 + t * 1000);
      await bus.idle();
    }
    expect(h.state).toBe("waiting");
    expect(h.counters).toMatchObject({ crashes: 0, withheld: 0 });
    await s.stopAll();
  });
});

describe("Supervisor: the stop", () => {
  /** An agent that only reports, in its stop, whether it was told the floor is stopping. */
  const watcher = (id: string, seen: Array<[string, boolean]>): AgentSpec => ({
    id, kind: "trader", config: {},
    create: (ctx) => ({
      machine: setup({}).createMachine({ id: "watcher", initial: "up", states: { up: {} } }),
      machineVersion: "watcher@1",
      routes: [route(families.ctl, () => void seen.push([`${id} ctl`, ctx.stopping()]), { pattern: patterns.ctlOf(id) })],
      onStop: () => void seen.push([`${id} stop`, ctx.stopping()]),
    }),
  });

  it("tells every agent the floor is stopping from beginStop on, stops them last born first, and names those after whose stop the bus was not idle in time", async () => {
    const seen: Array<[string, boolean]> = [];
    sup.boot(watcher("a1", seen), "command");
    sup.boot(watcher("a2", seen), "command");
    await allocate("a1", 1);
    expect(sup.stopping).toBe(false);
    sup.beginStop();
    await allocate("a1", 1);
    const stages: string[] = [];
    const settled = [true, false];
    const unsettled = await sup.stopAll({ settle: async () => settled.shift()!, stage: (label) => (stages.push(label), () => undefined) });
    expect(seen).toEqual([["a1 ctl", false], ["a1 ctl", true], ["a2 stop", true], ["a1 stop", true]]);
    expect(stages).toEqual(["stopping agent a2", "stopping agent a1"]);
    expect(unsettled).toEqual(["a1"]);
  });
});

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { setup } from "xstate";
import { auditorAgent } from "../../agents/auditor/index.ts";
import { decode, families, patterns, type Control } from "../../protocols/index.ts";
import { openDb, verifyAudit, type Db } from "../../state/index.ts";
import { LocalBus } from "../../floor/bus/index.ts";
import { SimClock } from "../../floor/clock/index.ts";
import { createLogger } from "../../floor/log/createLogger.ts";
import { AgentHost } from "../../floor/host/AgentHost.ts";
import { route, type AgentSpec } from "../../floor/host/AgentSpec.ts";

const T0 = Date.UTC(2026, 0, 1);
const machine = setup({ types: { events: {} as { type: "PAUSE" } | { type: "RESUME" } | { type: "BOOM" } } }).createMachine({
  id: "toy",
  initial: "trading",
  states: {
    trading: { on: { PAUSE: "paused", BOOM: { actions: () => { throw new Error("boom"); } } } },
    paused: { on: { RESUME: "trading" } },
  },
});

function toy(id: string, onCtl?: (c: Control) => void): AgentSpec {
  return {
    id, kind: "trader", config: {},
    create: (ctx) => ({
      machine, machineVersion: "toy@1",
      routes: [
        route(families.ctl, (c) => {
          onCtl?.(c);
          ctx.send({ type: c.verb === "pause" ? "PAUSE" : c.verb === "resume" ? "RESUME" : "BOOM" });
        }, { pattern: patterns.ctlOf(id) }),
      ],
    }),
  };
}

let dir: string, db: Db, bus: LocalBus, clock: SimClock;
const log = createLogger({ level: "silent" });
const hostOf = (spec: AgentSpec) => new AgentHost(spec, { bus, clock, db, log, runId: 1 });
/** A toy that counts its clock ticks, saves the count, and says at its start what it had. */
function counting(id: string, seen: string[]): AgentSpec {
  const base = toy(id);
  return {
    ...base,
    create: (ctx) => {
      let n = 0;
      return { ...base.create(ctx), onTick: () => void n++, onStart: () => void seen.push(`start at ${n}`), save: () => ({ n }), restore: (st) => void (n = (st as { n: number }).n) };
    },
  };
}
const ctl = (id: string, verb: string, extra: object = {}) => JSON.stringify({ v: 1, id: `boss.1.${Math.random()}`, ts: clock.now(), src: "boss", verb, ...extra });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "pf-host-"));
  db = openDb(join(dir, "floor.db"));
  bus = new LocalBus();
  clock = new SimClock(T0);
});
afterEach(async () => {
  await bus.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("AgentHost", () => {
  it("counts and audits invalid messages, never handing them to the agent", async () => {
    const seen: Control[] = [];
    const auditor = hostOf(auditorAgent());
    const t = hostOf(toy("t1", (c) => seen.push(c)));
    auditor.start();
    t.start();
    bus.publish("ctl.t1.pause", "{not json");
    bus.publish("ctl.t1.pause", ctl("t1", "resume")); // verb disagrees with the subject
    bus.publish("ctl.t1.pause", ctl("t1", "pause"));
    await bus.idle();
    expect(t.counters.invalid).toBe(2);
    expect(seen.map((c) => c.verb)).toEqual(["pause"]);
    const rows = db.prepare("SELECT src, subject, detail_json FROM audit_log WHERE severity = 'invalid' ORDER BY seq").all() as Array<{ src: string; subject: string; detail_json: string }>;
    expect(rows.map((r) => [r.src, r.subject])).toEqual([["t1", "ctl.t1.pause"], ["t1", "ctl.t1.pause"]]);
    expect(JSON.parse(rows[0]!.detail_json).error).toMatch(/malformed JSON/);
    expect(verifyAudit(db).ok).toBe(true);
  });

  it("restarts an agent whose handler throws after a backoff of floor time, drops what arrives meanwhile, and audits both", async () => {
    let calls = 0;
    let made = 0;
    const spec: AgentSpec = {
      id: "t2", kind: "trader", config: {},
      create: () => {
        made++;
        return { machine, machineVersion: "toy@1", routes: [route(families.ctl, () => { if (++calls === 1) throw new Error("handler bug"); }, { pattern: patterns.ctlOf("t2") })] };
      },
    };
    const errors: string[] = [];
    const decisions: Array<Record<string, unknown>> = [];
    bus.subscribe("audit.agent_error", (m) => void errors.push(m.data));
    bus.subscribe("audit.supervision", (m) => void decisions.push((JSON.parse(m.data) as { detail: Record<string, unknown> }).detail));
    const h = hostOf(spec);
    h.start();
    bus.publish("ctl.t2.pause", ctl("t2", "pause"));
    bus.publish("ctl.t2.pause", ctl("t2", "pause")); // arrives while it is down: dropped, never queued
    await bus.idle();
    expect(calls).toBe(1);
    expect(h.state).toBe("restarting");
    expect((db.prepare("SELECT state FROM agents WHERE agent_id = 't2'").get() as { state: string }).state).toBe("restarting");
    clock.advanceTo(T0 + 999);
    h.tick(T0 + 999);
    expect(h.state).toBe("restarting");
    clock.advanceTo(T0 + 1000);
    h.tick(T0 + 1000);
    expect(h.state).toBe("trading");
    expect(made).toBe(2); // a fresh behaviour: its memory is what crashed
    bus.publish("ctl.t2.pause", ctl("t2", "pause"));
    await bus.idle();
    expect(calls).toBe(2);
    expect(h.counters).toMatchObject({ handlerErrors: 1, crashes: 1, restarts: 1, dropped: 1 });
    expect(errors).toHaveLength(1);
    expect(JSON.parse(errors[0]!).detail.error).toMatch(/handler bug/);
    expect(decisions).toEqual([
      { decision: "restart", agentId: "t2", during: "ctl.t2.pause", error: "Error: handler bug", attempt: 1, restartsInWindow: 1, intensity: 1, periodMs: 5000, backoffMs: 1000, restartAt: T0 + 1000 },
      { decision: "restarted", agentId: "t2", during: "ctl.t2.pause", attempt: 1, waitedMs: 1000, dropped: 1, restarts: 1, restartsInWindow: 1 },
    ]);
    await h.stop();
  });

  it("checkpoints its snapshot and resumes from it after a restart", async () => {
    const a = hostOf(toy("t3"));
    a.start();
    bus.publish("ctl.t3.pause", ctl("t3", "pause"));
    await bus.idle();
    expect(a.state).toBe("paused");
    a.stop();
    expect((db.prepare("SELECT state FROM agents WHERE agent_id = 't3'").get() as { state: string }).state).toBe("paused");
    const b = hostOf(toy("t3"));
    b.start();
    expect(b.state).toBe("paused");
    b.stop();
  });

  it("restarts a crashed actor after its backoff, then fails it on a second crash within 5 s of floor time", async () => {
    const lifecycle: Array<{ verb: string; reason?: string }> = [];
    bus.subscribe("floor.life.*", (m) => void lifecycle.push(JSON.parse(m.data) as { verb: string; reason?: string }));
    const h = hostOf(toy("t4"));
    h.start();
    bus.publish("ctl.t4.reduce", ctl("t4", "reduce"));
    await bus.idle();
    expect(h.state).toBe("restarting");
    clock.advanceTo(T0 + 1000);
    h.tick(T0 + 1000);
    expect(h.counters.restarts).toBe(1);
    expect(h.state).toBe("trading");
    bus.publish("ctl.t4.reduce", ctl("t4", "reduce"));
    await bus.idle();
    expect(h.state).toBe("failed");
    expect(lifecycle.map((l) => l.verb)).toEqual(["spawn", "restarted", "failed"]);
    const reason = "restart intensity exceeded: 1 restart(s) in the last 5000 ms (at most 1), then it crashed again (actor): Error: boom";
    expect(lifecycle[2]!.reason).toBe(reason);
    expect(db.prepare("SELECT state, died_ts AS diedTs, death_reason AS why FROM agents WHERE agent_id = 't4'").get()).toEqual({ state: "failed", diedTs: T0 + 1000, why: reason });
    // Failed is the end: nothing more is handled, no restart comes.
    clock.advanceTo(T0 + 60_000);
    h.tick(T0 + 60_000);
    bus.publish("ctl.t4.pause", ctl("t4", "pause"));
    await bus.idle();
    expect(h.state).toBe("failed");
    expect(h.counters.received).toBe(2);
  });

  it("stops handling and tells the floor when a ledger write fails, instead of dropping it", async () => {
    db.exec("CREATE TABLE refused (x); CREATE TRIGGER refuse BEFORE INSERT ON refused BEGIN SELECT RAISE(ABORT, 'disk says no'); END");
    let calls = 0;
    const spec: AgentSpec = {
      id: "t5", kind: "trader", config: {},
      create: () => ({ machine, machineVersion: "toy@1", routes: [route(families.ctl, () => void (++calls, db.prepare("INSERT INTO refused VALUES (1)").run()), { pattern: patterns.ctlOf("t5") })] }),
    };
    const fatal: Error[] = [];
    const h = new AgentHost(spec, { bus, clock, db, log, runId: 1, fatal: (e) => void fatal.push(e) });
    h.start();
    bus.publish("ctl.t5.pause", ctl("t5", "pause"));
    bus.publish("ctl.t5.pause", ctl("t5", "pause"));
    await bus.idle();
    expect(calls).toBe(1); // nothing more is handled on a ledger that refuses writes: the floor stops
    expect(fatal.map((e) => e.message)).toEqual(["ledger write failed in t5 (ctl.t5.pause): disk says no [SQLITE_CONSTRAINT_TRIGGER]; the floor stopped"]);
    h.stop();
  });

  it("sends heartbeats its subject's schema accepts, numbered in its sequence, with its state and the messages before", async () => {
    const got: string[] = [];
    bus.subscribe("hb.*", (m) => void got.push(m.data));
    const h = hostOf(toy("beater"));
    h.start();
    const before = h.sequence;
    h.tick(clock.now());
    await bus.idle();
    expect(got).toHaveLength(1);
    const d = decode<{ id: string; src: string; state: string; seq: number; ts: number }>("hb.beater", got[0]!);
    if (!d.ok) throw new Error(d.error);
    expect(d.msg).toMatchObject({ id: `beater.1.${before + 1}`, src: "beater", state: "trading", seq: before, ts: clock.now() });
    expect(h.counters.published).toBe(before + 1);
    await h.stop();
  });
  it("builds no heartbeat the in-process bus has no subscriber for, yet numbers it: the next one heard says so", async () => {
    const h = hostOf(toy("quiet"));
    h.start();
    const before = h.sequence;
    const published = h.counters.published;
    h.tick(clock.now());
    expect(h.sequence).toBe(before + 1);
    expect(h.counters.published).toBe(published); // nothing went out
    const got: string[] = [];
    bus.subscribe("hb.quiet", (m) => void got.push(m.data));
    clock.advanceTo(clock.now() + h.supervision.heartbeatMs);
    h.tick(clock.now());
    await bus.idle();
    const d = decode<{ id: string; seq: number }>("hb.quiet", got[0]!);
    if (!d.ok) throw new Error(d.error);
    expect(d.msg).toMatchObject({ id: `quiet.1.${before + 2}`, seq: before + 1 });
    await h.stop();
  });
  it("checkpoints its sequence, heartbeat phase and agent state, and starts from them: restore before onStart", async () => {
    const seen: string[] = [];
    const a = hostOf(counting("t5", seen));
    a.start();
    for (let t = 1; t <= 3; t++) {
      clock.advanceTo(T0 + t * 1000);
      a.tick(T0 + t * 1000);
    }
    const cp = a.checkpoint();
    await a.stop();
    expect(cp).toEqual({ machineVersion: "toy@1", seq: cp.seq, lastHb: T0 + 1000, restarts: [], failed: false, agent: { n: 3 } });
    const b = hostOf(counting("t5", seen));
    b.start(cp);
    expect(seen).toEqual(["start at 0", "start at 3"]);
    expect(b.checkpoint()).toMatchObject({ seq: cp.seq + 1, lastHb: T0 + 1000, agent: { n: 3 } });
    await b.stop();
  });

  it("checkpoints a restart it waits for and a failure, and resumes each as it was", async () => {
    const seen: string[] = [];
    const life: string[] = [];
    bus.subscribe("floor.life.*", (m) => void life.push((JSON.parse(m.data) as { verb: string }).verb));
    const a = hostOf(counting("t6", seen));
    a.start();
    clock.advanceTo(T0 + 3000);
    a.tick(T0 + 3000);
    bus.publish("ctl.t6.reduce", ctl("t6", "reduce")); // a crash: a restart at 4 s
    bus.publish("ctl.t6.pause", ctl("t6", "pause")); // dropped
    await bus.idle();
    const down = a.checkpoint();
    await a.stop();
    expect(down).toEqual({
      machineVersion: "toy@1", seq: down.seq, lastHb: T0 + 3000, restarts: [T0 + 4000], failed: false,
      backoff: { attempt: 1, lastRestartAt: T0 + 4000 },
      down: { since: T0 + 3000, until: T0 + 4000, during: "actor", error: "Error: boom", attempt: 1, dropped: 1 },
    });
    life.length = 0;
    const b = hostOf(counting("t6", seen));
    b.start(down);
    await bus.idle();
    expect(b.state).toBe("restarting");
    expect(life).toEqual([]); // not announced until it is up
    clock.advanceTo(T0 + 4000);
    b.tick(T0 + 4000);
    await bus.idle();
    expect(b.state).toBe("trading");
    expect(life).toEqual(["restarted"]);
    expect(seen.at(-1)).toBe("start at 0"); // a fresh behaviour
    bus.publish("ctl.t6.reduce", ctl("t6", "reduce")); // a second crash within 5 s: failed
    await bus.idle();
    const failed = b.checkpoint();
    await b.stop();
    expect(failed).toMatchObject({ restarts: [T0 + 4000], failed: true, backoff: { attempt: 2 } });
    expect(failed.down).toBeUndefined();
    life.length = 0;
    const c = hostOf(counting("t6", seen));
    c.start(failed);
    await bus.idle();
    expect(c.state).toBe("failed");
    expect(life).toEqual([]);
    expect(c.checkpoint()).toEqual(failed);
    await c.stop();
  });
});

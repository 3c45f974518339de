import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { setup } from "xstate";
import { auditorAgent } from "../../agents/auditor/index.ts";
import { families, patterns, type Control } from "../../protocols/index.ts";
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

  it("keeps going after a handler throws, and audits the failure", async () => {
    let calls = 0;
    const spec: AgentSpec = {
      id: "t2", kind: "trader", config: {},
      create: () => ({ machine, machineVersion: "toy@1", routes: [route(families.ctl, () => { if (++calls === 1) throw new Error("handler bug"); }, { pattern: patterns.ctlOf("t2") })] }),
    };
    const errors: string[] = [];
    bus.subscribe("audit.agent_error", (m) => void errors.push(m.data));
    const h = hostOf(spec);
    h.start();
    bus.publish("ctl.t2.pause", ctl("t2", "pause"));
    bus.publish("ctl.t2.pause", ctl("t2", "pause"));
    await bus.idle();
    expect(calls).toBe(2);
    expect(h.counters.handlerErrors).toBe(1);
    expect(errors).toHaveLength(1);
    expect(JSON.parse(errors[0]!).detail.error).toMatch(/handler bug/);
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

  it("restarts a crashed actor once per 5 s of floor time, then reports it failed", async () => {
    const lifecycle: string[] = [];
    bus.subscribe("floor.life.*", (m) => void lifecycle.push(m.subject));
    const h = hostOf(toy("t4"));
    h.start();
    bus.publish("ctl.t4.reduce", ctl("t4", "reduce"));
    await bus.idle();
    expect(h.counters.restarts).toBe(1);
    expect(h.state).toBe("trading");
    clock.advanceTo(T0 + 1000);
    bus.publish("ctl.t4.reduce", ctl("t4", "reduce"));
    await bus.idle();
    expect(h.state).toBe("failed");
    expect(lifecycle).toEqual(["floor.life.spawn", "floor.life.restarted", "floor.life.failed"]);
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

  it("checkpoints its sequence, heartbeat phase, restarts and agent state, and starts from them: restore before onStart, a failed agent still failed", async () => {
    const seen: string[] = [];
    const counting = (id: string): AgentSpec => {
      const base = toy(id);
      return {
        ...base,
        create: (ctx) => {
          let n = 0;
          return { ...base.create(ctx), onTick: () => void n++, onStart: () => void seen.push(`start at ${n}`), save: () => ({ n }), restore: (st) => void (n = (st as { n: number }).n) };
        },
      };
    };
    const a = hostOf(counting("t5"));
    a.start();
    for (let t = 1; t <= 3; t++) {
      clock.advanceTo(T0 + t * 1000);
      a.tick(T0 + t * 1000);
    }
    bus.publish("ctl.t5.reduce", ctl("t5", "reduce")); // a crash: one restart on record
    await bus.idle();
    clock.advanceTo(T0 + 3500);
    bus.publish("ctl.t5.reduce", ctl("t5", "reduce")); // a second within 5 s: failed
    await bus.idle();
    const cp = a.checkpoint();
    await a.stop();
    expect(cp).toMatchObject({ machineVersion: "toy@1", lastHb: T0 + 1000, restarts: [T0 + 3000], failed: true, agent: { n: 3 } });
    const ids: string[] = [];
    bus.subscribe("floor.life.*", (m) => void ids.push((JSON.parse(m.data) as { id: string }).id));
    const b = hostOf(counting("t5"));
    b.start(cp);
    await bus.idle();
    expect(seen).toEqual(["start at 0", "start at 3"]);
    expect(ids).toEqual([`t5.1.${cp.seq + 1}`]); // the sequence carries on
    expect(b.state).toBe("failed");
    expect(b.checkpoint()).toMatchObject({ seq: cp.seq + 1, lastHb: T0 + 1000, restarts: [T0 + 3000], failed: true, agent: { n: 3 } });
    await b.stop();
  });
});

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { assign, emit, setup } from "xstate";
import { families, patterns } from "../../protocols/index.ts";
import { agentRecord, loadSnapshot, openDb, type Db } from "../../state/index.ts";
import { tmpDir } from "../../tests/helpers/tmp.ts";
import { LocalBus } from "../bus/index.ts";
import { SimClock } from "../clock/index.ts";
import { createLogger } from "../log/createLogger.ts";
import { AgentHost } from "./AgentHost.ts";
import { route, type AgentSpec, type PublishEmitted } from "./AgentSpec.ts";

const T0 = Date.UTC(2026, 0, 1);
const V = "counter@1";
type Ev = { type: "BUMP" } | { type: "PAUSE" } | { type: "SAY" } | { type: "BOOM" };
/** A machine whose context changes without its state: what most events do to a trader. */
const machine = setup({ types: { context: {} as { n: number }, events: {} as Ev, emitted: {} as PublishEmitted } }).createMachine({
  id: "counter",
  context: { n: 0 },
  initial: "trading",
  states: {
    trading: {
      on: {
        BUMP: { actions: assign({ n: ({ context }) => context.n + 1 }) },
        PAUSE: "paused",
        SAY: { actions: [assign({ n: ({ context }) => context.n + 100 }), emit(() => ({ type: "publish" as const, subject: "audit.note", body: { kind: "note", severity: "info", detail: {} } }))] },
        BOOM: { actions: () => { throw new Error("boom"); } },
      },
    },
    paused: {},
  },
});
const VERB = { pause: "PAUSE", resume: "BUMP", reduce: "SAY", retire: "BOOM" } as const;
const counter = (id: string): AgentSpec => ({
  id, kind: "trader", config: {},
  create: (ctx) => ({ machine, machineVersion: V, routes: [route(families.ctl, (c) => ctx.send({ type: VERB[c.verb as keyof typeof VERB] }), { pattern: patterns.ctlOf(id) })] }),
});

let tmp: ReturnType<typeof tmpDir>, db: Db, bus: LocalBus, clock: SimClock;
const log = createLogger({ level: "silent" });
const hostOf = (snapshotEveryMs?: number) => new AgentHost(counter("c1"), { bus, clock, db, log, runId: 1, ...(snapshotEveryMs === undefined ? {} : { snapshotEveryMs }) });
/** A control message from the boss: resume bumps, reduce says something, retire throws. */
async function ctl(verb: keyof typeof VERB): Promise<void> {
  bus.publish(`ctl.c1.${verb}`, JSON.stringify({ v: 1, id: `boss.1.${Math.random()}`, ts: clock.now(), src: "boss", verb }));
  await bus.idle();
}
const saved = () => (loadSnapshot(db, "c1", V) as { value: string; context: { n: number } } | undefined);

beforeEach(() => {
  tmp = tmpDir("snapshots");
  db = openDb(tmp.path("floor.db"));
  bus = new LocalBus();
  clock = new SimClock(T0);
});
afterEach(async () => {
  await bus.close();
  db.close();
  tmp.remove();
});

describe("SnapshotWriter, through its host", () => {
  it("writes every change at once when the host is given no cadence", async () => {
    const h = hostOf();
    h.start();
    await ctl("resume");
    expect(saved()?.context.n).toBe(1);
    await h.stop();
  });

  it("in a sim (cadence Infinity), writes a context change only at a checkpoint or stop, a change of state at once", async () => {
    const h = hostOf(Infinity);
    h.start();
    expect(saved()).toMatchObject({ value: "trading", context: { n: 0 } }); // its first checkpoint
    expect(agentRecord(db, "c1")?.state).toBe("trading");
    await ctl("resume");
    await ctl("resume");
    clock.advanceTo(T0 + 3_600_000);
    h.tick(T0 + 3_600_000);
    expect(saved()?.context.n).toBe(0);
    h.checkpoint();
    expect(saved()?.context.n).toBe(2);
    await ctl("resume");
    await ctl("pause");
    expect(saved()).toMatchObject({ value: "paused", context: { n: 3 } });
    expect(agentRecord(db, "c1")?.state).toBe("paused");
    await h.stop();
  });

  it("on a cadence, writes a changed context at the first step boundary that far after the last write", async () => {
    const h = hostOf(1000);
    h.start();
    await ctl("resume");
    clock.advanceTo(T0 + 500);
    h.tick(T0 + 500);
    expect(saved()?.context.n).toBe(0);
    clock.advanceTo(T0 + 1000);
    h.tick(T0 + 1000);
    expect(saved()?.context.n).toBe(1);
    await h.stop();
  });

  it("writes the snapshot before the actor's emitted message leaves, where writes commit as made; not in a sim", async () => {
    const seen: Array<number | undefined> = [];
    bus.subscribe("audit.note", () => void seen.push(saved()?.context.n));
    const paced = hostOf(1000);
    paced.start();
    await ctl("reduce");
    await paced.stop();
    db.exec("DELETE FROM snapshots");
    const sim = hostOf(Infinity);
    sim.start();
    await ctl("reduce");
    expect(seen).toEqual([100, 0]);
    await sim.stop();
  });

  it("writes what changed at stop, and a new host starts from it", async () => {
    const a = hostOf(Infinity);
    a.start();
    await ctl("resume");
    await a.stop();
    const b = hostOf(Infinity);
    b.start();
    await ctl("resume");
    await b.stop();
    expect(saved()?.context.n).toBe(2);
  });

  it("restarts a crashed actor from its last good snapshot, written or not", async () => {
    const h = hostOf(Infinity);
    h.start();
    await ctl("resume");
    await ctl("resume");
    await ctl("retire"); // the actor throws: restarted from its checkpoint after a second of backoff
    expect(h.state).toBe("restarting");
    clock.advanceTo(T0 + 1000);
    h.tick(T0 + 1000);
    expect(h.counters.restarts).toBe(1);
    expect(h.state).toBe("trading");
    await ctl("resume");
    h.checkpoint();
    expect(saved()?.context.n).toBe(3);
    await h.stop();
  });
});

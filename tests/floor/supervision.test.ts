import { afterAll, describe, expect, it } from "vitest";
import { setup } from "xstate";
import { LocalBus, type Bus } from "../../floor/bus/index.ts";
import { agentFileSchema, loadFloorConfig } from "../../floor/config/index.ts";
import { route, type AgentSpec, type Supervisor } from "../../floor/host/index.ts";
import { createLogger } from "../../floor/log/createLogger.ts";
import { runFloor } from "../../floor/runner/index.ts";
import { families, FloorConfig, patterns, type AgentLifecycle } from "../../protocols/index.ts";
import { agentRecord, cashOf, openDb, verifyFloor } from "../../state/index.ts";
import { tmpDir } from "../helpers/tmp.ts";

const tmp = tmpDir("supervision");
afterAll(() => tmp.remove());
const log = createLogger({ level: "silent" });
const T0 = Date.parse("2026-01-01T00:00:00Z");
const ALLOC = 1_000_000_000; // 10% of the floor's $10,000

/** A trader-kind agent defined only in this test: `handle` is what it does with every message it takes. */
function misbehaving(id: string, handle: () => void | Promise<void>): AgentSpec {
  return {
    id, kind: "trader", config: { id, kind: "trader", test: "misbehaving" },
    create: () => ({
      machine: setup({}).createMachine({ id: "misbehaving", initial: "up", states: { up: {} } }),
      machineVersion: "misbehaving@1",
      routes: [route(families.spot, handle), route(families.book, handle), route(families.ctl, handle, { pattern: patterns.ctlOf(id) })],
    }),
  };
}

/**
 * A sim floor of a fairValue trader that trades often (5-minute windows, a low edge bar), and `bad`,
 * started with the floor's own agents: its life facts and every fill as the bus carries them.
 */
async function floorWith(name: string, bad: AgentSpec, supervision: Record<string, number>, minutes: number, speed: number | "max" = "max") {
  const base = loadFloorConfig(undefined);
  const floor = FloorConfig.parse({ sim: { series: [{ asset: "BTC", symbol: "BTCUSD", marketMinutes: 5, startPrice: 95_000 }] }, supervision });
  const agents = [agentFileSchema().parse({ id: "fair-1", kind: "trader", strategy: "fairValue", params: { minEdge: 0.01, entryAfterSec: 10, exitBeforeSec: 30 } })];
  const bus: Bus = new LocalBus();
  const facts: AgentLifecycle[] = [];
  const fills: Array<{ agentId: string; ts: number }> = [];
  bus.subscribe("floor.life.*", (m) => void facts.push(JSON.parse(m.data) as AgentLifecycle));
  bus.subscribe("order.event.*", (m) => {
    const e = JSON.parse(m.data) as { type: string; agentId: string; ts: number };
    if (e.type === "fill") fills.push(e);
  });
  const dbPath = tmp.path(`${name}.db`);
  try {
    const status = await runFloor({
      config: { ...base, floor, agents }, bus, dbPath, seed: 5, speed, untilMs: minutes * 60_000, log,
      onSupervisor: (s: Supervisor) => void s.boot(bad, "command"),
    });
    return { status, facts, fills, dbPath };
  } finally {
    await bus.close();
  }
}

interface AuditRow {
  kind: string;
  src: string;
  ts: number;
  detail: Record<string, unknown>;
}
function auditOf(dbPath: string, agentId: string): AuditRow[] {
  const db = openDb(dbPath, { readonly: true });
  try {
    const rows = db.prepare("SELECT kind, src, ts, detail_json FROM audit_log WHERE detail_json LIKE ? ORDER BY seq").all(`%${agentId}%`) as Array<{ kind: string; src: string; ts: number; detail_json: string }>;
    return rows.map((r) => ({ kind: r.kind, src: r.src, ts: r.ts, detail: JSON.parse(r.detail_json) as Record<string, unknown> }));
  } finally {
    db.close();
  }
}

/** What the ledger and the registry say of `agentId`, and whether `audit verify` passes. */
function ledgerOf(dbPath: string, agentId: string) {
  const db = openDb(dbPath, { readonly: true });
  try {
    return {
      cash: db.prepare("SELECT delta_micro AS amount, reason, ref, ts FROM cash WHERE agent_id = ? ORDER BY seq").all(agentId),
      balance: cashOf(db, agentId),
      record: agentRecord(db, agentId),
      verified: verifyFloor(db, dbPath).ok,
    };
  } finally {
    db.close();
  }
}

describe("supervision on a running floor", () => {
  it("restarts an agent that throws on every message once, then fails it; its capital returns and the floor keeps trading", async () => {
    const { status, facts, fills, dbPath } = await floorWith("thrower", misbehaving("thrower-1", () => {
      throw new Error("thrower-1 throws on every message");
    }), {}, 30);
    // Default supervision: it throws on its first message (0 s), restarts after 1 s of backoff and throws
    // again at once; a second restart within 5 s is over the intensity (1 in 5 s): failed.
    expect(facts.filter((f) => f.agentId === "thrower-1").map((f) => [f.verb, f.ts - T0])).toEqual([["spawn", 0], ["restarted", 1_000], ["failed", 1_000]]);
    const failedAt = T0 + 1_000;
    const audit = auditOf(dbPath, "thrower-1");
    const decisions = audit.filter((a) => a.kind === "supervision").map((a) => a.detail);
    expect(decisions).toEqual([
      { decision: "restart", agentId: "thrower-1", during: "md.spot.BTCUSD", error: "Error: thrower-1 throws on every message", attempt: 1, restartsInWindow: 1, intensity: 1, periodMs: 5_000, backoffMs: 1_000, restartAt: T0 + 1_000 },
      expect.objectContaining({ decision: "restarted", agentId: "thrower-1", attempt: 1, waitedMs: 1_000, restarts: 1, restartsInWindow: 1 }),
      { decision: "failed", agentId: "thrower-1", during: "md.spot.BTCUSD", error: "Error: thrower-1 throws on every message", attempt: 2, restartsInWindow: 1, intensity: 1, periodMs: 5_000 },
    ]);
    expect(audit.find((a) => a.kind === "agent_failed")?.detail.reason).toMatch(/^restart intensity exceeded: 1 restart\(s\) in the last 5000 ms \(at most 1\)/);
    // Its capital came and went back, each a ledger transfer the audit log records with why.
    const ledger = ledgerOf(dbPath, "thrower-1");
    expect(ledger.cash).toEqual([
      { amount: ALLOC, reason: "allocate", ref: "allocate-thrower-1", ts: T0 },
      { amount: -ALLOC, reason: "allocate", ref: `return-thrower-1@${failedAt}`, ts: failedAt },
    ]);
    expect(ledger.balance).toBe(0);
    expect(audit.filter((a) => a.kind === "transfer").map((a) => a.detail)).toEqual([
      { from: "floor", to: "thrower-1", amount: ALLOC, ref: "allocate-thrower-1" },
      { from: "thrower-1", to: "floor", amount: ALLOC, ref: `return-thrower-1@${failedAt}`, reason: expect.stringMatching(/^failed: restart intensity exceeded/) },
    ]);
    expect(ledger.record).toMatchObject({ state: "failed", diedTs: failedAt, deathReason: expect.stringMatching(/^restart intensity exceeded/) });
    expect(ledger.verified).toBe(true);
    expect(status.live["thrower-1"]?.state).toBe("failed");
    // The floor kept trading: the other trader filled well after the failure, its capital untouched.
    const after = fills.filter((f) => f.agentId === "fair-1" && f.ts > failedAt + 5 * 60_000);
    expect(after.length).toBeGreaterThan(0);
    expect(status.live["fair-1"]?.state).toBe("trading");
    expect(facts.filter((f) => f.agentId === "fair-1").map((f) => f.verb)).toEqual(["spawn"]);
  }, 240_000);

  it("catches an agent whose handler never settles with the watchdog, restarts it, then fails it; each hang holds the floor up one heartbeat interval of wall time at most", async () => {
    const wall = performance.now();
    const { status, facts, fills, dbPath } = await floorWith("hung", misbehaving("hung-1", () => new Promise<void>(() => undefined)), { heartbeatMs: 1_000, missedBeats: 3, periodMs: 60_000 }, 20);
    const life = facts.filter((f) => f.agentId === "hung-1");
    expect(life.map((f) => f.verb)).toEqual(["spawn", "restarted", "failed"]);
    const decisions = auditOf(dbPath, "hung-1").filter((a) => a.kind === "supervision").map((a) => a.detail);
    expect(decisions.map((d) => [d.decision, d.during, d.attempt])).toEqual([["restart", "watchdog", 1], ["restarted", "watchdog", 1], ["failed", "watchdog", 2]]);
    // It hangs at 0 s; beats at 0 and 1 s; at 5 s it is 4 s silent, over 3 × 1 s: restarted at 6 s, hung again, failed at 11 s.
    expect(decisions[0]).toMatchObject({ restartAt: T0 + 6_000, error: "Error: hung: no heartbeat for 4000 ms (limit 3000 ms), its oldest handler unsettled for 5000 ms" });
    const failedAt = life[2]!.ts;
    expect(failedAt).toBe(T0 + 11_000);
    const ledger = ledgerOf(dbPath, "hung-1");
    expect(ledger.balance).toBe(0);
    expect(ledger.cash).toEqual([
      { amount: ALLOC, reason: "allocate", ref: "allocate-hung-1", ts: T0 },
      { amount: -ALLOC, reason: "allocate", ref: `return-hung-1@${failedAt}`, ts: failedAt },
    ]);
    expect(ledger.verified).toBe(true);
    expect(fills.filter((f) => f.agentId === "fair-1" && f.ts > failedAt + 5 * 60_000).length).toBeGreaterThan(0);
    expect(status.floorTime).toBe(T0 + 20 * 60_000);
    // Each hang held the bus one heartbeat interval of wall time, once; the floor ran on meanwhile.
    expect(performance.now() - wall).toBeLessThan(30_000);
  }, 240_000);

  it("does the same in real time: paced at wall-clock speed, as paper and live trading are, the hang is caught in the same floor seconds", async () => {
    const wall = performance.now();
    const { facts, dbPath } = await floorWith("hung-paced", misbehaving("hung-2", () => new Promise<void>(() => undefined)), { heartbeatMs: 1_000, missedBeats: 3, periodMs: 60_000 }, 0.2, 1);
    expect(facts.filter((f) => f.agentId === "hung-2").map((f) => [f.verb, f.ts - T0])).toEqual([["spawn", 0], ["restarted", 6_000], ["failed", 11_000]]);
    expect(ledgerOf(dbPath, "hung-2").balance).toBe(0);
    // 12 floor seconds at 1×, plus the two hangs' hold of about a second each.
    expect(performance.now() - wall).toBeGreaterThan(11_000);
  }, 120_000);
});

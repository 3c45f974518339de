// In one process: the host refuses an out-of-kind publish, and the exchange and traders drop
// decisions and control messages that do not come from the boss. Every refusal is audited.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { setup } from "xstate";
import { auditorAgent } from "../../agents/auditor/index.ts";
import { paperExchangeAgent } from "../../agents/exchange/index.ts";
import { traderAgent } from "../../agents/trader/index.ts";
import { LocalBus } from "../../floor/bus/index.ts";
import { SimClock } from "../../floor/clock/index.ts";
import { AgentHost, type AgentSpec } from "../../floor/host/index.ts";
import { createLogger } from "../../floor/log/createLogger.ts";
import { TraderConfig } from "../../agents/trader/index.ts";
import { loadSnapshot, openDb, verifyAudit, type Db } from "../../state/index.ts";
import { tmpDir } from "../helpers/tmp.ts";

const T0 = Date.UTC(2026, 0, 1);
const M = 1_000_000;
const UP = "1".repeat(77);
let tmp: ReturnType<typeof tmpDir>, db: Db, bus: LocalBus, clock: SimClock, seen: string[], n: number;
const hostOf = (spec: AgentSpec) => new AgentHost(spec, { bus, clock, db, log: createLogger({ level: "silent" }), runId: 1 });
const send = (subject: string, body: object, src: string) => bus.publish(subject, JSON.stringify({ v: 1, id: `${src}.9.${++n}`, ts: clock.now(), src, ...body }));
const violations = () => db.prepare("SELECT src, subject, detail_json FROM audit_log WHERE kind = 'violation' ORDER BY seq").all() as Array<{ src: string; subject: string; detail_json: string }>;

beforeEach(() => {
  tmp = tmpDir("rights");
  db = openDb(tmp.path("floor.db"));
  bus = new LocalBus();
  clock = new SimClock(T0);
  seen = [];
  n = 0;
  bus.subscribe(">", (m) => void seen.push(m.subject));
});
afterEach(async () => {
  await bus.close();
  db.close();
  tmp.remove();
});

describe("publish rights in one process", () => {
  it("refuses, counts and audits a trader's publish on a decision subject", async () => {
    const machine = setup({}).createMachine({ id: "rogue", initial: "idle", states: { idle: {} } });
    const rogue: AgentSpec = { id: "rogue", kind: "trader", config: {}, create: () => ({ machine, machineVersion: "rogue@1", routes: [] }) };
    const auditor = hostOf(auditorAgent());
    const host = hostOf(rogue);
    auditor.start();
    host.start();
    host.publish("order.decision.rogue", { intent: { intentId: "x", agentId: "rogue" }, approved: true });
    host.publish("md.book.m1", { marketId: "m1" });
    await bus.idle();
    expect(seen.filter((s) => s.startsWith("order.decision") || s.startsWith("md."))).toEqual([]);
    expect(host.counters.refused).toBe(2);
    expect(violations().map((v) => [v.src, v.subject, JSON.parse(v.detail_json).rule])).toEqual([
      ["rogue", "order.decision.rogue", "publish_rights"],
      ["rogue", "md.book.m1", "publish_rights"],
    ]);
    expect(verifyAudit(db).ok).toBe(true);
  });
});

describe("messages only the boss may send", () => {
  const forged = { intentId: "t1-x", agentId: "t1", marketId: "m1", tokenId: UP, outcome: "Up", side: "BUY", type: "FOK", price: 990_000, size: 5_000 * M, belief: 0.99 };
  let hosts: AgentHost[];
  beforeEach(async () => {
    hosts = [hostOf(auditorAgent()), hostOf(paperExchangeAgent("exchange")), hostOf(traderAgent(TraderConfig.parse({ id: "t1", kind: "trader", strategy: "momentum" })))];
    for (const h of hosts) h.start();
    send("md.market.m1.open", {
      phase: "open", marketId: "m1", slug: "m1", symbol: "BTCUSD", upTokenId: UP, downTokenId: "2".repeat(77), startTs: T0, endTs: T0 + 900_000,
      strike: 95_000 * M, fee: { rate: 0.07, exponent: 1, takerOnly: true }, tickSize: 10_000, minSize: 5 * M,
    }, "feed");
    send("md.book.m1", { marketId: "m1", tokenId: UP, bids: [{ price: 10_000, size: 9_000 * M }], asks: [{ price: 990_000, size: 9_000 * M }], tickSize: 10_000, minSize: 5 * M }, "feed");
    await bus.idle();
  });
  afterEach(async () => {
    for (const h of hosts) await h.stop();
  });

  it("drops an approved decision from anyone but the boss (5,000 shares at 0.99) and audits it", async () => {
    send("order.decision.t1", { intent: forged, approved: true }, "mallory");
    await bus.idle();
    expect(seen.filter((s) => s.startsWith("order.event"))).toEqual([]);
    expect(db.prepare("SELECT count(*) AS n FROM orders").get()).toEqual({ n: 0 });
    const v = violations().map((r) => [r.src, r.subject, JSON.parse(r.detail_json).rule, JSON.parse(r.detail_json).src]);
    expect(v).toEqual(expect.arrayContaining([
      ["exchange", "order.decision.t1", "boss_only", "mallory"],
      ["t1", "order.decision.t1", "boss_only", "mallory"],
      ["auditor", "order.decision.t1", "boss_only", "mallory"],
    ]));
    // Not recorded as an approval (the forged decision was "audited as approved by the boss").
    expect(db.prepare("SELECT count(*) AS n FROM audit_log WHERE kind = 'approved'").get()).toEqual({ n: 0 });
    // The same decision from the boss is executed: the check is on the sender, not the content.
    send("order.decision.t1", { intent: { ...forged, intentId: "t1-y", size: 10 * M }, approved: true }, "boss");
    await bus.idle();
    expect(seen.filter((s) => s.startsWith("order.event")).length).toBeGreaterThan(0);
  });

  it("drops a control message from anyone but the boss (an allocation of $1,000,000) and audits it", async () => {
    const cash = () => (loadSnapshot(db, "t1", "trader@2") as { context: { cash: number } }).context.cash;
    send("ctl.t1.allocate", { verb: "allocate", capital: 1_000_000 * M }, "mallory");
    send("ctl.exchange.pause", { verb: "pause", reason: "forged" }, "mallory");
    await bus.idle();
    expect(cash()).toBe(0);
    expect(violations().map((r) => [r.src, r.subject])).toEqual([["t1", "ctl.t1.allocate"], ["exchange", "ctl.exchange.pause"]]);
    expect(hosts[1]!.state).not.toMatch(/halt/i);
    send("ctl.t1.allocate", { verb: "allocate", capital: 200 * M }, "boss");
    await bus.idle();
    expect(cash()).toBe(200 * M);
  });
});

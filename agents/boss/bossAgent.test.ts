import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LocalBus } from "../../floor/bus/index.ts";
import { SimClock } from "../../floor/clock/index.ts";
import { AgentHost } from "../../floor/host/index.ts";
import { createLogger } from "../../floor/log/createLogger.ts";
import { RiskConfig, type AuditFact, type OrderDecision } from "../../protocols/index.ts";
import { openDb, type Db } from "../../state/index.ts";
import { bossAgent } from "./bossAgent.ts";

const T0 = Date.UTC(2026, 0, 1);
const UP = "1".repeat(77);
let db: Db, bus: LocalBus, clock: SimClock, boss: AgentHost, decisions: OrderDecision[], audits: AuditFact[], seq: number;

const send = (subject: string, body: object) => bus.publish(subject, JSON.stringify({ v: 1, id: `test.${++seq}`, ts: clock.now(), src: "test", ...body }));
const book = () => send("md.book.m1", { marketId: "m1", tokenId: UP, bids: [{ price: 490_000, size: 100_000_000 }], asks: [{ price: 510_000, size: 100_000_000 }], tickSize: 10_000, minSize: 5_000_000 });
const spot = () => send("md.spot.BTCUSD", { symbol: "BTCUSD", price: 95_000_000_000 });
const intent = (n: number) =>
  send("order.intent.t1", { intentId: `t1-${n}`, agentId: "t1", marketId: "m1", tokenId: UP, outcome: "Up", side: "BUY", type: "FAK", price: 510_000, size: 10_000_000, belief: 0.6 });

beforeEach(async () => {
  db = openDb(":memory:");
  bus = new LocalBus();
  clock = new SimClock(T0);
  seq = 0;
  decisions = [];
  bus.subscribe("order.decision.*", (m) => void decisions.push(JSON.parse(m.data) as OrderDecision));
  audits = [];
  bus.subscribe("audit.*", (m) => void audits.push(JSON.parse(m.data) as AuditFact));
  boss = new AgentHost(bossAgent("boss", { capital: 10_000, risk: RiskConfig.parse({}) }), { bus, clock, db, log: createLogger({ level: "silent" }), runId: 1 });
  boss.start();
  send("floor.life.spawn", { verb: "spawn", agentId: "t1", kind: "trader" });
  await bus.idle();
});
afterEach(async () => {
  boss.stop();
  await bus.close();
  db.close();
});

describe("boss moving money", () => {
  it("audits the deposit and each transfer with the amounts the ledger booked, once", async () => {
    send("floor.life.restarted", { verb: "restarted", agentId: "t1", kind: "trader" }); // re-announced, not moved again
    await bus.idle();
    const cash = db.prepare("SELECT agent_id AS agentId, delta_micro AS amount, reason FROM cash ORDER BY seq").all();
    expect(cash).toEqual([
      { agentId: "floor", amount: 10_000_000_000, reason: "deposit" },
      { agentId: "floor", amount: -1_000_000_000, reason: "allocate" },
      { agentId: "t1", amount: 1_000_000_000, reason: "allocate" },
    ]);
    expect(audits.map((a) => [a.kind, a.detail])).toEqual([
      ["deposit", { agentId: "floor", amount: 10_000_000_000, ref: "initial capital" }],
      ["transfer", { from: "floor", to: "t1", amount: 1_000_000_000, ref: "allocate-t1" }],
    ]);
  });
});

describe("boss on stale data", () => {
  it("refuses new orders when the feed goes quiet, and trades again once data flows", async () => {
    spot();
    book();
    intent(1);
    await bus.idle();
    clock.advanceTo(T0 + 15_000); // the feed has said nothing for 15 s
    intent(2);
    await bus.idle();
    book();
    spot();
    intent(3);
    await bus.idle();
    expect(decisions.map((d) => [d.intent.intentId, d.approved, d.reason])).toEqual([
      ["t1-1", true, undefined],
      ["t1-2", false, "stale market data: book 15.0 s old (limit 10.0 s)"],
      ["t1-3", true, undefined],
    ]);
  });

  it("judges staleness against the cadence a feed announces (1-minute candles are fresh at 30 s)", async () => {
    send("md.health.replay", { source: "replay", status: "ok", subject: "BTCUSD", expectedIntervalMs: 60_000 });
    spot();
    book();
    clock.advanceTo(T0 + 30_000);
    intent(1);
    await bus.idle();
    clock.advanceTo(T0 + 121_000);
    intent(2);
    await bus.idle();
    expect(decisions.map((d) => d.approved)).toEqual([true, false]);
    expect(decisions[1]?.reason).toMatch(/limit 120\.0 s/);
  });
});

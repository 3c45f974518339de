import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LocalBus } from "../../floor/bus/index.ts";
import { SimClock } from "../../floor/clock/index.ts";
import { AgentHost } from "../../floor/host/index.ts";
import { createLogger } from "../../floor/log/createLogger.ts";
import { RiskConfig } from "../../protocols/index.ts";
import { addCash, openDb, recordFill, recordMarketOpen, recordMarketResolved, recordOrder, type Db } from "../../state/index.ts";
import { auditorAgent } from "./auditorAgent.ts";
import { APPROVALS_KEPT } from "./AuditorMemory.ts";

const M = 1_000_000;
const UP = "1".repeat(77);
const FEE = { rate: 0.07, exponent: 1, takerOnly: true };
const OPEN = { phase: "open", marketId: "m1", slug: "m1", symbol: "BTCUSD", upTokenId: UP, downTokenId: "2".repeat(77), startTs: 0, endTs: 900_000, strike: 95_000 * M, fee: FEE, tickSize: 10_000, minSize: 5 * M };
let dir: string, db: Db, bus: LocalBus, host: AgentHost, seq = 0;
let halts: Array<{ subject: string; reason: string }>;

const send = (subject: string, body: object, src = "exchange") => bus.publish(subject, JSON.stringify({ v: 1, id: `x.${++seq}`, ts: 0, src, ...body }));
const intent = (intentId: string, size: number, price = 510_000) => ({ intentId, agentId: "t1", marketId: "m1", tokenId: UP, outcome: "Up", side: "BUY", type: "FAK", price, size, belief: 0.6 });
const decide = (intentId: string, size: number, price?: number) => send("order.decision.t1", { approved: true, intent: intent(intentId, size, price) }, "boss");
const fill = (intentId: string, size: number, price: number, extra: object = {}) => ({
  type: "fill", agentId: "t1", intentId, orderId: `o-${intentId}`, fillId: `f-${intentId}`, marketId: "m1", tokenId: UP, outcome: "Up", side: "BUY",
  price, size, feeShares: 0, feeUsd: 0, cashDelta: -((price * size) / M), sharesDelta: size, liquidity: "taker", ...extra,
});
const violations = () => (db.prepare("SELECT src, detail_json AS d FROM audit_log WHERE kind = 'violation'").all() as Array<{ src: string; d: string }>).map((r) => ({ src: r.src, ...JSON.parse(r.d) }));
const byRule = () => {
  host.checkpoint();
  const s = db.prepare("SELECT snapshot_json AS s FROM snapshots WHERE agent_id = 'auditor'").get() as { s: string };
  return (JSON.parse(s.s) as { context: { byRule: Record<string, number> } }).context.byRule;
};

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "auditor-"));
  db = openDb(join(dir, "floor.db"));
  bus = new LocalBus();
  halts = [];
  bus.subscribe("ctl.*.halt", (m) => void halts.push({ subject: m.subject, reason: (JSON.parse(m.data) as { reason: string }).reason }));
  // $10,000 of floor capital, $1,000 allocated to t1.
  addCash(db, "floor", 10_000 * M, "deposit", null, 0);
  addCash(db, "floor", -1_000 * M, "allocate", "a1", 0);
  addCash(db, "t1", 1_000 * M, "allocate", "a1", 0);
  recordMarketOpen(db, OPEN as never);
  host = new AgentHost(auditorAgent("auditor", { capital: 10_000, risk: RiskConfig.parse({}) }), { bus, clock: new SimClock(0), db, log: createLogger({ level: "silent" }), runId: 1 });
  host.start();
  send("md.market.m1.open", OPEN, "feed");
  send("md.book.m1", { marketId: "m1", tokenId: UP, bids: [{ price: 490_000, size: 1000 * M }], asks: [{ price: 510_000, size: 1000 * M }], tickSize: 10_000, minSize: 5 * M }, "feed");
  await bus.idle();
});
afterEach(async () => {
  await host.stop();
  await bus.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("the auditor's checks, each caught, recorded once and halting its agent", () => {
  it("limit.perTrade: an approval costing more than 2% of capital; approvals inside the caps pass", async () => {
    decide("ok", 100 * M); // 100 × 0.51 + fee 1.7493 = $52.7493
    await bus.idle();
    expect(violations()).toEqual([]);
    decide("big", 400 * M); // 204 + fee 6.9972 = $210.9972 > $200
    await bus.idle();
    expect(violations()).toEqual([expect.objectContaining({ src: "auditor", rule: "limit.perTrade", agentId: "t1", allowed: 200 * M, actual: 210_997_200, intentId: "big" })]);
    expect(halts).toEqual([{ subject: "ctl.t1.halt", reason: "audit violation limit.perTrade: order cost 210997200 over the limit 200000000" }]);
    expect(byRule()).toEqual({ "limit.perTrade": 1 });
  });

  it("limit.perAgent: working approvals and the ledger's open positions count against the agent's cap", async () => {
    db.prepare("INSERT INTO positions (agent_id, market_id, outcome, shares_micro, cost_micro) VALUES ('t1', 'm1', 'Up', 1500000000, 765000000)").run(); // $765 open
    decide("a", 180 * M); // $94.9... working
    decide("b", 300 * M); // $158.1... : 765 + 94.95 + 158.25 > 1000
    await bus.idle();
    expect(violations().map((v) => [v.rule, v.intentId, v.allowed])).toEqual([["limit.perAgent", "b", 1_000 * M]]);
  });

  it("price.tick: an approved limit off the market's tick grid", async () => {
    decide("odd", 10 * M, 515_000);
    await bus.idle();
    expect(violations()).toEqual([expect.objectContaining({ rule: "price.tick", agentId: "t1", allowed: 10_000, actual: 515_000 })]);
    expect(halts.map((h) => h.subject)).toEqual(["ctl.t1.halt"]);
  });

  it("duplicate.intent and duplicate.fill: an id approved, or a fill reported, in a second message", async () => {
    decide("i1", 10 * M);
    decide("i1", 10 * M);
    send("order.event.t1", fill("i1", 5 * M, 510_000));
    send("order.event.t1", fill("i1", 5 * M, 510_000));
    await bus.idle();
    expect(violations().map((v) => [v.rule, v.actual])).toEqual([["duplicate.intent", "i1"], ["duplicate.fill", "f-i1"]]);
    expect(byRule()).toEqual({ "duplicate.intent": 1, "duplicate.fill": 1 });
  });

  it("price.book: a taker buy cheaper than any ask the book showed; at the ask it passes", async () => {
    decide("i1", 20 * M, 550_000);
    send("order.event.t1", fill("i1", 10 * M, 510_000));
    send("order.event.t1", fill("i1", 10 * M, 500_000, { fillId: "f-2" }));
    await bus.idle();
    expect(violations()).toEqual([expect.objectContaining({ rule: "price.book", agentId: "t1", allowed: 510_000, actual: 500_000, fillId: "f-2" })]);
  });

  it("settle.payout and settle.outcome: a settlement the ledger's fills and outcome do not make", async () => {
    recordOrder(db, { orderId: "o-i1", intentId: "i1", agentId: "t1", marketId: "m1", tokenId: UP, outcome: "Up", side: "BUY", type: "FAK", price: 510_000, size: 10 * M, status: "filled", ts: 0 });
    recordFill(db, { fillId: "f1", orderId: "o-i1", agentId: "t1", marketId: "m1", outcome: "Up", side: "BUY", price: 510_000, size: 10 * M, feeShares: 0, feeUsd: 174_930, cashDelta: -5_274_930, sharesDelta: 10 * M, ts: 0 });
    recordMarketResolved(db, "m1", "Up", false, 900_000);
    send("md.market.m1.resolved", { phase: "resolved", marketId: "m1", outcome: "Up", derived: false }, "feed");
    const settle = { type: "settle", agentId: "t1", intentId: "settle-m1", marketId: "m1", winner: "Up", upShares: 10 * M, downShares: 0 };
    send("order.event.t1", { ...settle, payout: 10 * M, pnl: 4_725_070 }); // 10 − 5.27493: right
    send("order.event.t1", { ...settle, payout: 12 * M, pnl: 6_725_070 });
    send("order.event.t1", { ...settle, winner: "Down", payout: 0, pnl: -5_274_930 });
    await bus.idle();
    expect(violations().map((v) => [v.rule, v.allowed, v.actual])).toEqual([["settle.payout", 10 * M, 12 * M], ["settle.outcome", "Up", "Down"]]);
  });

  it("ledger.position: checked on the hour of floor time, each discrepancy reported once; a floor-wide one halts no one", async () => {
    host.tick(10 * 60_000);
    db.prepare("INSERT INTO positions (agent_id, market_id, outcome, shares_micro, cost_micro) VALUES ('t1', 'm1', 'Up', 3000000, 1530000)").run();
    host.tick(59 * 60_000);
    await bus.idle();
    expect(violations()).toEqual([]); // not yet on the hour
    host.tick(60 * 60_000);
    host.tick(120 * 60_000);
    await bus.idle();
    const rules = violations().map((v) => [v.rule, v.agentId, v.figure]);
    expect(rules).toContainEqual(["ledger.position", "t1", "shares"]);
    expect(rules).toContainEqual(["ledger.cash", undefined, "floor cash"]);
    expect(rules.length).toBe(new Set(rules.map((r) => JSON.stringify(r))).size); // each once, though checked twice
    expect(halts.map((h) => h.subject)).toEqual(rules.filter((r) => r[1] === "t1").map(() => "ctl.t1.halt"));
  });

  it("ledger: checked at the auditor's stop too, where it writes the violation itself (it no longer hears the bus)", async () => {
    db.prepare("INSERT INTO positions (agent_id, market_id, outcome, shares_micro, cost_micro) VALUES ('t1', 'm1', 'Up', 3000000, 1530000)").run();
    await host.stop();
    const rules = violations().map((v) => [v.src, v.rule, v.agentId, v.figure]);
    expect(rules).toContainEqual(["auditor", "ledger.position", "t1", "shares"]);
    expect(rules.length).toBe(new Set(rules.map((r) => JSON.stringify(r))).size);
    host.start(); // afterEach stops it again
  });

  it("restart: an exact resume keeps the approvals, fill ids and books it heard; any other start rebuilds approvals and fill ids from the ledger", async () => {
    decide("i1", 20 * M, 550_000);
    send("order.event.t1", fill("i1", 10 * M, 510_000));
    await bus.idle();
    const restart = async (exact: boolean) => {
      const cp = host.checkpoint();
      await host.stop();
      host = new AgentHost(auditorAgent("auditor", { capital: 10_000, risk: RiskConfig.parse({}) }), { bus, clock: new SimClock(0), db, log: createLogger({ level: "silent" }), runId: 2 });
      host.start(exact ? cp : undefined);
    };
    await restart(true);
    send("order.event.t1", fill("i1", 10 * M, 500_000, { fillId: "f-2" })); // the book it remembers says 0.51 at best
    send("order.event.t1", fill("i1", 10 * M, 510_000)); // f-i1 again
    await bus.idle();
    expect(violations().map((v) => v.rule)).toEqual(["price.book", "duplicate.fill"]);
    // The ledger holds the order and its first fill; a restart that is not a resume reads them back.
    recordOrder(db, { orderId: "o-i1", intentId: "i1", agentId: "t1", marketId: "m1", tokenId: UP, outcome: "Up", side: "BUY", type: "GTC", price: 550_000, size: 20 * M, status: "live", ts: 0 });
    recordFill(db, { fillId: "f-i1", orderId: "o-i1", agentId: "t1", marketId: "m1", outcome: "Up", side: "BUY", price: 510_000, size: 10 * M, feeShares: 0, feeUsd: 0, cashDelta: -5_100_000, sharesDelta: 10 * M, ts: 0 });
    await restart(false);
    send("order.event.t1", fill("i1", 10 * M, 510_000)); // a redelivery of the fill the ledger has (and counted): its first message since the restart
    send("order.event.t1", fill("i1", 10 * M, 510_000)); // and again, in another message: a duplicate
    send("order.event.t1", fill("i1", 10 * M, 550_000, { fillId: "f-3", liquidity: "maker" })); // 10 + 10 = 20: all it was approved for
    send("order.event.t1", fill("i1", 1 * M, 550_000, { fillId: "f-4", liquidity: "maker" })); // one more is over
    await bus.idle();
    expect(violations().map((v) => v.rule).slice(2)).toEqual(["duplicate.fill", "fill.order"]);
  });

  it("a fill handled after its market's resolution (a split floor's durable behind the live resolution) still answers its approval, for the last APPROVALS_KEPT markets, across a restart too", async () => {
    decide("i1", 20 * M, 550_000);
    await bus.idle();
    const resolve = (marketId: string, ts: number) => {
      recordMarketOpen(db, { ...OPEN, marketId, slug: marketId } as never);
      recordMarketResolved(db, marketId, "Up", false, ts);
      send(`md.market.${marketId}.resolved`, { phase: "resolved", marketId, outcome: "Up", derived: false }, "feed");
    };
    recordMarketResolved(db, "m1", "Up", false, 900_000);
    send("md.market.m1.resolved", { phase: "resolved", marketId: "m1", outcome: "Up", derived: false }, "feed");
    send("order.event.t1", fill("i1", 10 * M, 550_000, { liquidity: "maker" })); // late, but approved
    await bus.idle();
    expect(violations()).toEqual([]);
    // Kept through a restart that rebuilds from the ledger: the ledger has the order, resolved with its market.
    recordOrder(db, { orderId: "o-i1", intentId: "i1", agentId: "t1", marketId: "m1", tokenId: UP, outcome: "Up", side: "BUY", type: "GTC", price: 550_000, size: 20 * M, status: "live", ts: 0 });
    await host.stop();
    host = new AgentHost(auditorAgent("auditor", { capital: 10_000, risk: RiskConfig.parse({}) }), { bus, clock: new SimClock(0), db, log: createLogger({ level: "silent" }), runId: 2 });
    host.start();
    send("order.event.t1", fill("i1", 5 * M, 550_000, { fillId: "f-2", liquidity: "maker" }));
    await bus.idle();
    expect(violations()).toEqual([]);
    // APPROVALS_KEPT markets resolved since: m1's approval is forgotten, and a fill of it is one without.
    for (let i = 0; i < APPROVALS_KEPT; i++) resolve(`k${i}`, 1_000_000 + i);
    send("order.event.t1", fill("i1", 5 * M, 550_000, { fillId: "f-3", liquidity: "maker" }));
    await bus.idle();
    expect(violations().map((v) => [v.rule, v.reason])).toEqual([["fill.order", "fill without an approved decision"]]);
  });
});

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LocalBus } from "../../floor/bus/index.ts";
import { SimClock } from "../../floor/clock/index.ts";
import { AgentHost } from "../../floor/host/index.ts";
import { createLogger } from "../../floor/log/createLogger.ts";
import type { OrderEvent } from "../../protocols/index.ts";
import { openDb, type Db } from "../../state/index.ts";
import { paperExchangeAgent } from "./paperExchangeAgent.ts";

const T0 = Date.UTC(2026, 0, 1);
const M = 1_000_000;
const UP = "1".repeat(77);
const DOWN = "2".repeat(77);
let db: Db, bus: LocalBus, clock: SimClock, host: AgentHost, events: OrderEvent[], seq: number;
/** The floor began to stop (Supervisor.beginStop → ctx.stopping). */
let stopping = false;

const send = (subject: string, body: object, src = "test") => bus.publish(subject, JSON.stringify({ v: 1, id: `${src}.${++seq}`, ts: clock.now(), src, ...body }));
const intent = (n: number, extra: object) => ({
  intentId: `t1-${n}`, agentId: "t1", marketId: "m1", tokenId: UP, outcome: "Up", side: "BUY", type: "GTC", price: 480_000, size: 50 * M, belief: 0.6, ...extra,
});

beforeEach(async () => {
  db = openDb(":memory:");
  bus = new LocalBus();
  clock = new SimClock(T0);
  seq = 0;
  stopping = false;
  events = [];
  bus.subscribe("order.event.*", (m) => void events.push(JSON.parse(m.data) as OrderEvent));
  host = new AgentHost(paperExchangeAgent("exchange"), { bus, clock, db, log: createLogger({ level: "silent" }), runId: 1, stopping: () => stopping });
  host.start();
  send("md.market.m1.open", {
    phase: "open", marketId: "m1", slug: "m1", symbol: "BTCUSD", upTokenId: UP, downTokenId: DOWN, startTs: T0, endTs: T0 + 900_000,
    strike: 95_000 * M, fee: { rate: 0.07, exponent: 1, takerOnly: true, rebateRate: 0.2 }, tickSize: 10_000, minSize: 5 * M,
  }, "feed");
  send("md.book.m1", { marketId: "m1", tokenId: UP, bids: [{ price: 480_000, size: 100 * M }], asks: [{ price: 520_000, size: 100 * M }], tickSize: 10_000, minSize: 5 * M }, "feed");
  await bus.idle();
});
afterEach(async () => {
  host.stop();
  await bus.close();
  db.close();
});

describe("paper exchange on the matching engine", () => {
  it("rests a GTC behind the book's size and fills it as maker from public prints, with the rebate in the ledger", async () => {
    send("order.decision.t1", { intent: intent(1, {}), approved: true }, "boss");
    await bus.idle();
    expect(events.map((e) => e.type)).toEqual(["ack"]);
    // 100 shares were ahead of us at 0.48: a print of 120 sold into the bid fills 20 of ours.
    send("md.trade.m1", { marketId: "m1", tokenId: UP, price: 480_000, size: 120 * M, side: "SELL" }, "feed");
    await bus.idle();
    const fill = events.find((e) => e.type === "fill");
    expect(fill).toMatchObject({ type: "fill", liquidity: "maker", price: 480_000, size: 20 * M, feeShares: 0, cashDelta: -9_600_000, sharesDelta: 20 * M, rebate: 69_888 });
    // rebate = 20% of the taker fee on 20 shares at 0.48: 0.2 × 20 × 0.07 × 0.48 × 0.52 = $0.069888
    const row = db.prepare("SELECT liquidity, rebate_micro, size_micro FROM fills").get();
    expect(row).toEqual({ liquidity: "maker", rebate_micro: 69_888, size_micro: 20 * M });
    expect((db.prepare("SELECT status, filled_micro FROM orders").get() as { status: string; filled_micro: number })).toEqual({ status: "live", filled_micro: 20 * M });
    // Our own prints never feed back: a print from the exchange itself is ignored.
    send("md.trade.m1", { marketId: "m1", tokenId: UP, price: 480_000, size: 1_000 * M, side: "SELL" }, "exchange");
    await bus.idle();
    expect(events.filter((e) => e.type === "fill")).toHaveLength(1);
    // The close cancels what rests.
    send("md.market.m1.close", { phase: "close", marketId: "m1", endPrice: 95_100 * M }, "feed");
    await bus.idle();
    expect(events.at(-1)).toMatchObject({ type: "cancel", remaining: 30 * M, reason: "market-closed" });
    expect((db.prepare("SELECT status FROM orders").get() as { status: string }).status).toBe("partial");
  });

  it("books a taker buy under a pUSD fee as cash −(notional + fee) and every share, and settles on that cost", async () => {
    send("order.decision.t1", { intent: intent(4, { type: "FAK", price: 520_000, size: 10 * M }), approved: true }, "boss");
    await bus.idle();
    // 10 shares at 0.52, rate 0.07: fee 10 × 0.07 × 0.52 × 0.48 = $0.17472, paid in pUSD on top of $5.20.
    expect(events.find((e) => e.type === "fill")).toMatchObject({ liquidity: "taker", size: 10 * M, feeUsd: 174_720, feeShares: 0, cashDelta: -5_374_720, sharesDelta: 10 * M });
    expect(db.prepare("SELECT SUM(delta_micro) AS n FROM cash WHERE agent_id = 't1'").get()).toEqual({ n: -5_374_720 });
    expect(db.prepare("SELECT shares_micro, cost_micro FROM positions").get()).toEqual({ shares_micro: 10 * M, cost_micro: 5_374_720 });
    send("md.market.m1.close", { phase: "close", marketId: "m1", endPrice: 95_100 * M }, "feed");
    send("md.market.m1.resolved", { phase: "resolved", marketId: "m1", outcome: "Up", derived: true }, "feed");
    await bus.idle();
    expect(events.find((e) => e.type === "settle")).toMatchObject({ payout: 10 * M, pnl: 10 * M - 5_374_720 });
  });

  it("expires a GTD order and rejects what the venue would, in its words", async () => {
    send("order.decision.t1", { intent: intent(2, { type: "GTD", expiresAt: T0 + 5_000 }), approved: true }, "boss");
    send("order.decision.t1", { intent: intent(3, { price: 485_000 }), approved: true }, "boss");
    await bus.idle();
    clock.advanceTo(T0 + 6_000);
    host.tick(T0 + 6_000);
    await bus.idle();
    expect(events.filter((e) => e.intentId === "t1-2").map((e) => e.type)).toEqual(["ack", "cancel"]);
    expect(events.find((e) => e.intentId === "t1-2" && e.type === "cancel")).toMatchObject({ reason: "expired" });
    expect(events.find((e) => e.intentId === "t1-3")).toMatchObject({ type: "reject", reason: expect.stringMatching(/invalid price|tick/) });
    expect(db.prepare("SELECT intent_id, status FROM orders ORDER BY seq").all()).toEqual([
      { intent_id: "t1-2", status: "expired" },
      { intent_id: "t1-3", status: "rejected" },
    ]);
  });

  it("takes back a trader's working orders on its own cancel request only, and refuses a sell of shares it does not hold", async () => {
    send("order.decision.t1", { intent: intent(5, {}), approved: true }, "boss");
    send("order.decision.t1", { intent: intent(6, { price: 470_000 }), approved: true }, "boss");
    await bus.idle();
    // Someone else asking for t1's orders is refused and audited; t1's own request for one order takes that one.
    const audits: string[] = [];
    bus.subscribe("audit.*", (m) => void audits.push(JSON.parse(m.data).detail.rule));
    send("order.cancel.t1", { agentId: "t1", intentId: "t1-5", reason: "requote" }, "t2");
    send("order.cancel.t1", { agentId: "t1", intentId: "t1-5", reason: "requote" }, "t1");
    await bus.idle();
    expect(audits).toEqual(["own_cancel"]);
    expect(events.filter((e) => e.type === "cancel").map((e) => e.intentId)).toEqual(["t1-5"]);
    // Without an intent id, every working order of the agent in the market goes.
    send("order.cancel.t1", { agentId: "t1", marketId: "m1", reason: "paused" }, "t1");
    await bus.idle();
    expect(events.filter((e) => e.type === "cancel").map((e) => e.intentId)).toEqual(["t1-5", "t1-6"]);
    // 10 shares bought; a sell of 12 is refused as the venue would; one of 6 rests, then 5 more is over what is not yet offered.
    send("order.decision.t1", { intent: intent(7, { type: "FAK", price: 520_000, size: 10 * M }), approved: true }, "boss");
    send("order.decision.t1", { intent: intent(8, { side: "SELL", price: 530_000, size: 12 * M }), approved: true }, "boss");
    send("order.decision.t1", { intent: intent(9, { side: "SELL", price: 530_000, size: 6 * M }), approved: true }, "boss");
    send("order.decision.t1", { intent: intent(10, { side: "SELL", price: 530_000, size: 5 * M }), approved: true }, "boss");
    await bus.idle();
    expect(events.filter((e) => e.type === "reject").map((e) => [e.intentId, (e as { reason: string }).reason])).toEqual([
      ["t1-8", "not enough shares: selling 12 Up with 10 held and not already offered"],
      ["t1-10", "not enough shares: selling 5 Up with 4 held and not already offered"],
    ]);
    expect(events.find((e) => e.intentId === "t1-9")?.type).toBe("ack");
  });

  it("cancels what a retired or a failed agent has working, and nobody else's", async () => {
    send("order.decision.t1", { intent: intent(11, {}), approved: true }, "boss");
    send("order.decision.t2", { intent: { ...intent(12, {}), intentId: "t2-12", agentId: "t2" }, approved: true }, "boss");
    send("order.decision.t3", { intent: { ...intent(13, {}), intentId: "t3-13", agentId: "t3" }, approved: true }, "boss");
    await bus.idle();
    send("floor.life.failed", { verb: "failed", agentId: "t1", kind: "trader", reason: "restart intensity exceeded" }, "t1");
    send("floor.life.retired", { verb: "retired", agentId: "t2", kind: "trader", reason: "enough" }, "supervisor");
    send("floor.life.restarted", { verb: "restarted", agentId: "t3", kind: "trader" }, "t3");
    await bus.idle();
    expect(events.filter((e) => e.type === "cancel").map((e) => e.intentId)).toEqual(["t1-11", "t2-12"]);
  });
});

describe("paper exchange when the floor stops", () => {
  it("refuses an approved order as 'floor stopping' once the stop began, and leaves the resting one as it was", async () => {
    send("order.decision.t1", { intent: intent(1, {}), approved: true }, "boss");
    await bus.idle();
    stopping = true;
    send("order.decision.t1", { intent: intent(2, { price: 520_000 }), approved: true }, "boss"); // would cross the ask and fill
    await bus.idle();
    expect(events.map((e) => [e.intentId, e.type])).toEqual([["t1-1", "ack"], ["t1-2", "reject"]]);
    expect(events[1]).toMatchObject({ reason: "floor stopping" });
    expect(db.prepare("SELECT intent_id, status, reason FROM orders ORDER BY seq").all()).toEqual([
      { intent_id: "t1-1", status: "live", reason: null },
      { intent_id: "t1-2", status: "rejected", reason: "floor stopping" },
    ]);
    expect(db.prepare("SELECT COUNT(*) AS n FROM fills").get()).toEqual({ n: 0 });
  });
});

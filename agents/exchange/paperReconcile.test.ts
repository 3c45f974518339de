import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LocalBus } from "../../floor/bus/index.ts";
import { SimClock } from "../../floor/clock/index.ts";
import { AgentHost } from "../../floor/host/index.ts";
import { createLogger } from "../../floor/log/createLogger.ts";
import type { AuditFact, MarketOpen, OrderEvent } from "../../protocols/index.ts";
import { openDb, recordFill, recordMarketOpen, recordOrder, type Db } from "../../state/index.ts";
import { tmpDir } from "../../tests/helpers/tmp.ts";
import { paperExchangeAgent } from "./paperExchangeAgent.ts";
import { EXPIRED_DOWN, EXPIRED_UNADOPTED, MARKET_OVER } from "./reconcileOpenOrders.ts";

const T0 = Date.UTC(2026, 0, 1);
const M = 1_000_000;
const UP = "1".repeat(77);
const DOWN = "2".repeat(77);
const RESTART = T0 + 300_000; // the floor comes back five minutes into m1's window
const tmp = tmpDir("reconcile");
let db: Db, bus: LocalBus, clock: SimClock, host: AgentHost | undefined, events: OrderEvent[], audits: AuditFact[], seq: number;

const send = (subject: string, body: object, src = "feed") => bus.publish(subject, JSON.stringify({ v: 1, id: `${src}.${++seq}`, ts: clock.now(), src, ...body }));
const open = (marketId: string, startTs: number): MarketOpen => ({
  v: 1, id: `open-${marketId}`, ts: startTs, src: "feed", phase: "open", marketId, slug: marketId, symbol: "BTCUSD", upTokenId: UP, downTokenId: DOWN,
  startTs, endTs: startTs + 900_000, strike: 95_000 * M, fee: { rate: 0.07, exponent: 1, takerOnly: true, rebateRate: 0.2 }, tickSize: 10_000, minSize: 5 * M,
});
/** What the last run left in the ledger: a working order, `filled` of it booked already. */
interface Left { status?: "pending" | "live"; type?: string; price?: number; size?: number; filled?: number; postOnly?: boolean; expiresAt?: number }
function working(n: number, marketId: string, o: Left = {}): string {
  const orderId = `o-t1-${n}`;
  const size = o.size ?? 50 * M;
  const terms = { type: o.type ?? "GTC", price: o.price ?? 480_000, size, postOnly: o.postOnly, expiresAt: o.expiresAt };
  recordOrder(db, { orderId, intentId: `t1-${n}`, agentId: "t1", marketId, tokenId: UP, outcome: "Up", side: "BUY", ...terms, status: o.status ?? "live", ts: T0 + 1_000 });
  // The old engine numbered this fill #1: the adopted order's first fill in the new engine is #1 too.
  if (o.filled) recordFill(db, { fillId: `${orderId}#1`, orderId, agentId: "t1", marketId, outcome: "Up", side: "BUY", price: 480_000, size: o.filled, feeShares: 0, feeUsd: 0, cashDelta: -(0.48 * o.filled), sharesDelta: o.filled, ts: T0 + 2_000 });
  return orderId;
}
const order = (orderId: string) => db.prepare("SELECT status, reason, filled_micro AS filled FROM orders WHERE order_id = ?").get(orderId) as { status: string; reason: string | null; filled: number };
const decisions = (): Array<Record<string, unknown>> => audits.filter((a) => a.kind === "reconcile").map((a) => ({ severity: a.severity, ...a.detail }));

/** Restart the exchange on the ledger as it is now. */
async function restart(): Promise<void> {
  host?.stop();
  host = new AgentHost(paperExchangeAgent("exchange"), { bus, clock, db, log: createLogger({ level: "silent" }), runId: 2 });
  host.start();
  await bus.idle();
}
async function step(t: number): Promise<void> {
  clock.advanceTo(t);
  host!.tick(t);
  await bus.idle();
}

beforeEach(() => {
  db = openDb(tmp.path(`floor-${Date.now()}-${Math.random()}.db`));
  bus = new LocalBus();
  clock = new SimClock(RESTART);
  seq = 0;
  events = [];
  audits = [];
  bus.subscribe("order.event.*", (m) => void events.push(JSON.parse(m.data) as OrderEvent));
  bus.subscribe("audit.*", (m) => void audits.push(JSON.parse(m.data) as AuditFact));
  recordMarketOpen(db, open("m0", T0 - 900_000)); // ended before the restart
  recordMarketOpen(db, open("m1", T0)); // still trading at the restart
});
afterEach(async () => {
  host?.stop();
  host = undefined;
  await bus.close();
  db.close();
});

describe("paper exchange restart reconciliation", () => {
  it("adopts a resting GTC when its market trades again: the remainder, at the back of the queue, and it fills", async () => {
    const id = working(1, "m1", { filled: 10 * M });
    await restart();
    expect(decisions()).toEqual([]); // nothing decided until the market is back
    send("md.market.m1.open", open("m1", T0));
    send("md.book.m1", { marketId: "m1", tokenId: UP, bids: [{ price: 480_000, size: 100 * M }], asks: [{ price: 520_000, size: 100 * M }], tickSize: 10_000, minSize: 5 * M });
    await bus.idle();
    expect(decisions()).toEqual([expect.objectContaining({ severity: "info", action: "adopted", orderId: id, intentId: "t1-1", agentId: "t1", marketId: "m1", remaining: 40 * M })]);
    expect(events).toEqual([]); // it was live: the trader has had its ack
    // 100 shares rest ahead of it now (queue position is lost): a print of 120 fills 20.
    send("md.trade.m1", { marketId: "m1", tokenId: UP, price: 480_000, size: 120 * M, side: "SELL" });
    await bus.idle();
    expect(events.map((e) => [e.type, e.type === "fill" ? e.size : 0])).toEqual([["fill", 20 * M]]);
    expect(order(id)).toMatchObject({ status: "live", filled: 30 * M });
    send("md.trade.m1", { marketId: "m1", tokenId: UP, price: 470_000, size: 500 * M, side: "SELL" }); // trades through: the rest fills
    await bus.idle();
    expect(order(id)).toMatchObject({ status: "filled", filled: 50 * M });
    const fillIds = (db.prepare("SELECT fill_id FROM fills ORDER BY seq").all() as Array<{ fill_id: string }>).map((r) => r.fill_id);
    expect(fillIds).toEqual([`${id}#1`, `${id}#1@${RESTART}`, `${id}#2@${RESTART}`]);
    expect(db.prepare("SELECT shares_micro FROM positions WHERE market_id = 'm1'").get()).toEqual({ shares_micro: 50 * M });
  });

  it("cancels a working order whose market ended while the floor was down: status, audit record, and the trader told once it is up", async () => {
    const partial = working(1, "m0", { filled: 10 * M });
    const unknown = working(2, "m-gone");
    await restart();
    expect(order(partial)).toEqual({ status: "partial", reason: MARKET_OVER, filled: 10 * M });
    expect(order(unknown)).toMatchObject({ status: "cancelled", reason: MARKET_OVER });
    expect(decisions()).toEqual([
      expect.objectContaining({ severity: "info", action: "cancelled", orderId: partial, marketId: "m0", remaining: 40 * M, reason: MARKET_OVER }),
      expect.objectContaining({ severity: "info", action: "cancelled", orderId: unknown, marketId: "m-gone", remaining: 50 * M, reason: MARKET_OVER }),
    ]);
    expect(events).toEqual([]); // held: the traders start after the exchange
    await step(RESTART);
    expect(events).toEqual([
      expect.objectContaining({ type: "cancel", agentId: "t1", intentId: "t1-1", orderId: partial, remaining: 40 * M, reason: MARKET_OVER }),
      expect.objectContaining({ type: "cancel", agentId: "t1", intentId: "t1-2", orderId: unknown, remaining: 50 * M, reason: MARKET_OVER }),
    ]);
  });

  it("cancels what cannot re-enter (a market that closes first, a GTD recorded without its expiry, a remainder under the minimum size) and acks an adopted pending order", async () => {
    const closes = working(1, "m1");
    const gtd = working(2, "m1", { type: "GTD" }); // as the ledger held GTD orders before it kept their expiry
    await restart();
    send("md.market.m1.close", { phase: "close", marketId: "m1", endPrice: 95_100 * M });
    await bus.idle();
    expect(order(closes)).toMatchObject({ status: "cancelled", reason: expect.stringMatching(/closed before it traded again/) });
    expect(order(gtd)).toMatchObject({ status: "cancelled", reason: expect.stringMatching(/GTD order's expiry is not in the ledger/) });

    recordMarketOpen(db, open("m2", T0 + 900_000));
    const tiny = working(3, "m2", { filled: 47 * M, status: "pending" });
    const pending = working(4, "m2", { status: "pending" });
    await restart();
    await step(RESTART); // the floor's first step: the exchange ticks before the feed publishes
    send("md.market.m2.open", open("m2", T0 + 900_000));
    send("md.book.m2", { marketId: "m2", tokenId: UP, bids: [{ price: 480_000, size: 100 * M }], asks: [], tickSize: 10_000, minSize: 5 * M });
    await bus.idle();
    expect(order(tiny)).toMatchObject({ status: "partial", reason: expect.stringMatching(/^cancelled at restart: .*Size \(3\) lower than the minimum/) });
    expect(events.filter((e) => e.intentId === "t1-3")).toEqual([expect.objectContaining({ type: "cancel", remaining: 3 * M })]);
    // A pending order never had its ack: adopted, it gets one, and the ledger has it live.
    expect(order(pending)).toMatchObject({ status: "live" });
    expect(events.filter((e) => e.intentId === "t1-4").map((e) => e.type)).toEqual(["ack"]);
    expect(decisions().map((d) => [d.orderId, d.action])).toEqual([[gtd, "cancelled"], [closes, "cancelled"], [tiny, "cancelled"], [pending, "adopted"]]);
  });

  it("adopts a GTD whose expiry is still ahead, with that expiry: the engine expires it on time", async () => {
    const expiresAt = RESTART + 60_000;
    const id = working(1, "m1", { type: "GTD", expiresAt, filled: 10 * M });
    await restart();
    await step(RESTART);
    send("md.market.m1.open", open("m1", T0));
    send("md.book.m1", { marketId: "m1", tokenId: UP, bids: [{ price: 480_000, size: 100 * M }], asks: [{ price: 520_000, size: 100 * M }], tickSize: 10_000, minSize: 5 * M });
    await bus.idle();
    expect(decisions()).toEqual([expect.objectContaining({ action: "adopted", orderId: id, type: "GTD", expiresAt, remaining: 40 * M })]);
    await step(expiresAt - 1);
    expect(order(id)).toEqual({ status: "live", reason: null, filled: 10 * M });
    expect(events).toEqual([]);
    await step(expiresAt);
    expect(order(id)).toEqual({ status: "expired", reason: "expired", filled: 10 * M });
    expect(events).toEqual([expect.objectContaining({ type: "cancel", intentId: "t1-1", orderId: id, remaining: 40 * M, reason: "expired" })]);
  });

  it("expires a GTD whose expiry passed while the floor was down, or passes before its market trades again; one its market outlived is cancelled", async () => {
    const down = working(1, "m1", { type: "GTD", expiresAt: RESTART - 1_000, filled: 10 * M });
    const beforeEnd = working(2, "m0", { type: "GTD", expiresAt: T0 - 60_000 }); // m0 ended at T0: the expiry came first
    const outlived = working(3, "m0", { type: "GTD", expiresAt: T0 + 60_000 }); // m0 ended first
    const onTick = working(4, "m1", { type: "GTD", expiresAt: RESTART + 30_000 });
    const atBook = working(5, "m1", { type: "GTD", expiresAt: RESTART + 40_000 });
    await restart();
    expect(order(down)).toEqual({ status: "expired", reason: EXPIRED_DOWN, filled: 10 * M });
    expect(order(beforeEnd)).toMatchObject({ status: "expired", reason: EXPIRED_DOWN });
    expect(order(outlived)).toMatchObject({ status: "cancelled", reason: MARKET_OVER });
    expect([order(onTick).status, order(atBook).status]).toEqual(["live", "live"]);
    await step(RESTART + 30_000); // m1 has not traded again yet
    expect(order(onTick)).toMatchObject({ status: "expired", reason: EXPIRED_UNADOPTED });
    // The market is back before the next step, with the last one's expiry already passed: expired, not re-entered.
    clock.advanceTo(RESTART + 40_000);
    send("md.market.m1.open", open("m1", T0));
    send("md.book.m1", { marketId: "m1", tokenId: UP, bids: [{ price: 480_000, size: 100 * M }], asks: [], tickSize: 10_000, minSize: 5 * M });
    await bus.idle();
    expect(order(atBook)).toMatchObject({ status: "expired", reason: EXPIRED_UNADOPTED });
    expect(decisions().map((d) => [d.orderId, d.action, d.reason])).toEqual([
      [down, "expired", EXPIRED_DOWN], [beforeEnd, "expired", EXPIRED_DOWN], [outlived, "cancelled", MARKET_OVER],
      [onTick, "expired", EXPIRED_UNADOPTED], [atBook, "expired", EXPIRED_UNADOPTED],
    ]);
    // The trader hears of each as a cancel with its reason (those decided at start once it is up).
    expect(events.map((e) => [e.intentId, e.type, e.type === "cancel" ? [e.remaining, e.reason] : undefined])).toEqual([
      ["t1-1", "cancel", [40 * M, EXPIRED_DOWN]], ["t1-2", "cancel", [50 * M, EXPIRED_DOWN]], ["t1-3", "cancel", [50 * M, MARKET_OVER]],
      ["t1-4", "cancel", [50 * M, EXPIRED_UNADOPTED]], ["t1-5", "cancel", [50 * M, EXPIRED_UNADOPTED]],
    ]);
  });

  it("re-enters a post-only order as post-only: one the book now crosses is refused by the engine and cancelled, one that does not rests", async () => {
    const crosses = working(1, "m1", { postOnly: true }); // a bid at 0.48
    const rests = working(2, "m1", { postOnly: true, price: 460_000 });
    const taker = working(3, "m1"); // the same bid as the first, not post-only
    await restart();
    await step(RESTART);
    send("md.market.m1.open", open("m1", T0));
    // The ask has come down to 0.47 while the floor was down: a bid at 0.48 would take it.
    send("md.book.m1", { marketId: "m1", tokenId: UP, bids: [{ price: 450_000, size: 100 * M }], asks: [{ price: 470_000, size: 100 * M }], tickSize: 10_000, minSize: 5 * M });
    await bus.idle();
    const refused = "cancelled at restart: invalid post-only order: order crosses book";
    expect(order(crosses)).toEqual({ status: "cancelled", reason: refused, filled: 0 });
    expect(events.filter((e) => e.intentId === "t1-1")).toEqual([expect.objectContaining({ type: "cancel", orderId: crosses, remaining: 50 * M, reason: refused })]);
    expect(order(rests)).toEqual({ status: "live", reason: null, filled: 0 });
    expect(order(taker)).toMatchObject({ status: "filled", filled: 50 * M });
    expect(decisions().map((d) => [d.orderId, d.action, d.postOnly])).toEqual([[crosses, "cancelled", true], [rests, "adopted", true], [taker, "adopted", undefined]]);
    // The resting post-only bid fills as a maker when a print reaches it.
    send("md.trade.m1", { marketId: "m1", tokenId: UP, price: 450_000, size: 500 * M, side: "SELL" });
    await bus.idle();
    expect(order(rests)).toMatchObject({ status: "filled", filled: 50 * M });
    expect(db.prepare("SELECT order_id AS id, liquidity FROM fills ORDER BY seq").all()).toEqual([{ id: taker, liquidity: "taker" }, { id: rests, liquidity: "maker" }]);
  });

  it("cancels an adoptable order whose market ends without ever reopening", async () => {
    const id = working(1, "m1", { status: "pending" });
    await restart();
    await step(RESTART + 1_000);
    expect(order(id).status).toBe("pending");
    await step(T0 + 900_000);
    expect(order(id)).toMatchObject({ status: "cancelled", reason: expect.stringMatching(/ended before the feed reopened it/) });
    expect(events).toEqual([expect.objectContaining({ type: "cancel", orderId: id, remaining: 50 * M })]);
  });

  it("reports a tampered positions row as a violation at start, with both figures", async () => {
    working(1, "m1", { filled: 10 * M, status: "live" });
    db.prepare("UPDATE positions SET shares_micro = 12000000 WHERE market_id = 'm1'").run();
    await restart();
    expect(decisions()).toEqual([
      { severity: "violation", action: "ledger-check", check: "position", figure: "shares", agentId: "t1", marketId: "m1", outcome: "Up", recorded: 12 * M, expected: 10 * M },
    ]);
  });
});

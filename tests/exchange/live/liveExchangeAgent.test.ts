import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Wallet } from "ethers";
import { EthersV6Signer, LiveExecutor, liveExchangeAgent, type LiveExecutorOptions } from "../../../agents/exchange/live/index.ts";
import { LocalBus } from "../../../floor/bus/index.ts";
import { SimClock } from "../../../floor/clock/index.ts";
import { AgentHost } from "../../../floor/host/index.ts";
import { createLogger } from "../../../floor/log/createLogger.ts";
import { openDb, recordMarketOpen, recordOrder, type Db } from "../../../state/index.ts";
import { waitFor } from "../../feed/live/waitFor.ts";
import { LocalClob } from "./LocalClob.ts";

const M = 1_000_000;
const T0 = Date.now();
let clob: LocalClob, db: Db, bus: LocalBus, clock: SimClock, host: AgentHost | undefined, wallet: Wallet, seq: number;
let events: Array<Record<string, unknown>>, audits: Array<{ kind: string; severity: string; detail: Record<string, unknown> }>;

const send = (subject: string, body: object, src = "test") => bus.publish(subject, JSON.stringify({ v: 1, id: `${src}.${++seq}`, ts: clock.now(), src, ...body }));
const intent = (n: number, extra: object = {}) => ({
  intentId: `t1-${n}`, agentId: "t1", marketId: "m1", tokenId: clob.tokens[0], outcome: "Up", side: "BUY", type: "GTC", price: 520_000, size: 10 * M, belief: 0.6, ...extra,
});
const decide = (n: number, extra: object = {}) => send("order.decision.t1", { intent: intent(n, extra), approved: true }, "boss");

const MARKET = () => ({
  phase: "open", marketId: "m1", slug: "m1", symbol: "BTCUSD", upTokenId: clob.tokens[0]!, downTokenId: clob.tokens[1]!, startTs: T0, endTs: T0 + 900_000,
  strike: 95_000 * M, fee: { rate: 0.07, exponent: 1, takerOnly: true }, tickSize: 10_000, minSize: 5 * M, conditionId: clob.conditionId,
}) as const;

/** Start the exchange; the feed announces the market at once unless `announce` is false (a restart before the feed caught up). */
function startExchange(announce = true, venue: Partial<LiveExecutorOptions> = {}): AgentHost {
  const h = new AgentHost(
    liveExchangeAgent("exchange", {
      executor: (beforePost) => new LiveExecutor({ host: clob.url, signer: new EthersV6Signer(wallet.privateKey), beforePost, httpTimeoutMs: 2000, backoffInitialMs: 10, ...venue }),
      recheckMs: 1000,
      pollMs: 1000,
      userWsUrl: clob.wsUrl,
    }),
    { bus, clock, db, log: createLogger({ level: "silent" }), runId: 1 },
  );
  h.start();
  if (announce) send("md.market.m1.open", MARKET(), "feed");
  return h;
}
/** Start-up is done (connected, reconciled) once heartbeats begin. */
const connected = (n = 1) => waitFor(() => clob.heartbeats.length >= n, "the exchange to connect");
async function settle(): Promise<void> {
  await bus.idle();
  await new Promise((r) => setTimeout(r, 20));
  await bus.idle();
}
const orderRows = () => db.prepare("SELECT order_id AS id, intent_id AS intent, status, filled_micro AS filled, reason FROM orders ORDER BY seq").all() as Array<{ id: string; intent: string; status: string; filled: number; reason: string | null }>;
const cash = () => (db.prepare("SELECT COALESCE(SUM(delta_micro), 0) AS n FROM cash WHERE agent_id = 't1'").get() as { n: number }).n;

beforeEach(async () => {
  clob = new LocalClob();
  await clob.start();
  wallet = Wallet.createRandom() as unknown as Wallet;
  db = openDb(":memory:");
  bus = new LocalBus();
  clock = new SimClock(T0);
  seq = 0;
  events = [];
  audits = [];
  bus.subscribe("order.event.*", (m) => void events.push(JSON.parse(m.data) as Record<string, unknown>));
  bus.subscribe("audit.*", (m) => void audits.push(JSON.parse(m.data) as (typeof audits)[number]));
});
afterEach(async () => {
  await host?.stop();
  host = undefined;
  await bus.close();
  db.close();
  await clob.stop();
});

describe("live exchange agent against the local CLOB", () => {
  it("writes the order ahead under its EIP-712 hash, posts it once, and books a taker fill with the market's fee", async () => {
    host = startExchange();
    await connected();
    decide(1, { type: "FAK" });
    await settle();
    const [row] = orderRows();
    expect(clob.orders.has(row!.id.toLowerCase())).toBe(true); // the ledger's order id is the venue's
    expect(row).toMatchObject({ intent: "t1-1", status: "filled", filled: 10 * M });
    expect(events.map((e) => e.type)).toEqual(["ack", "fill"]);
    // 10 shares at 0.52, rate 0.07: fee 10 × 0.07 × 0.52 × 0.48 = $0.17472, in pUSD (the schedule names no currency).
    expect(events[1]).toMatchObject({ liquidity: "taker", price: 520_000, size: 10 * M, feeShares: 0, feeUsd: 174_720, cashDelta: -5_374_720, sharesDelta: 10 * M });
    expect(cash()).toBe(-5_374_720);
    // The exchange machine counted them (its checkpoint is what the visualiser shows).
    const snap = JSON.parse((db.prepare("SELECT snapshot_json AS j FROM snapshots WHERE agent_id = 'exchange'").get() as { j: string }).j) as { context: Record<string, number> };
    expect(snap.context).toEqual({ orders: 1, fills: 1, rejects: 0 });
    // The same intent again (a replay, a retry): nothing new at the venue or in the ledger.
    decide(1, { type: "FAK" });
    await settle();
    expect(clob.orderPosts).toHaveLength(1);
    expect(orderRows()).toHaveLength(1);
  });

  it("reverses a fill whose trade goes MATCHED then FAILED, found by the trade poll", async () => {
    host = startExchange();
    await connected();
    clob.planNextFill({ fillShares: 10 * M, tradeStatus: "MATCHED" });
    decide(2, { type: "FAK" });
    // The fill is booked first; only then does the chain fail the trade (a timer here raced a loaded machine).
    await waitFor(() => cash() === -5_374_720, "the fill booked");
    clob.advanceTrade(clob.trades[0]!.id, "FAILED");
    clock.advanceTo(T0 + 5_000);
    host.tick(T0 + 5_000);
    await waitFor(() => events.some((e) => e.type === "reversal"), "the reversal");
    expect(events.find((e) => e.type === "reversal")).toMatchObject({ size: 10 * M, cashDelta: 5_374_720, sharesDelta: -10 * M, reason: "transaction reverted" });
    expect(cash()).toBe(0);
    expect(orderRows()[0]).toMatchObject({ status: "cancelled", filled: 0 });
  });

  it("reconciles at start-up: adopts its own resting order, cancels one the ledger never knew, closes one that never reached the venue", async () => {
    // A previous run: one GTC rests at the venue, known to the ledger as pending (the crash came before the ack).
    const first = new LiveExecutor({ host: clob.url, signer: new EthersV6Signer(wallet.privateKey) });
    await first.init();
    let hash = "";
    const lost = await first.place({ intentId: "t1-7", tokenId: clob.tokens[0]!, side: "BUY", type: "GTC", price: 450_000, size: 10 * M });
    hash = lost.orderId!;
    const stray = await first.place({ intentId: "elsewhere", tokenId: clob.tokens[0]!, side: "BUY", type: "GTC", price: 400_000, size: 5 * M });
    const late = await first.place({ intentId: "t1-6", tokenId: clob.tokens[0]!, side: "BUY", type: "GTC", price: 410_000, size: 5 * M });
    first.close();
    const row = { agentId: "t1", marketId: "m1", tokenId: clob.tokens[0]!, outcome: "Up" as const, side: "BUY" as const, type: "GTC", size: 10 * M, status: "pending" as const, ts: T0 };
    recordOrder(db, { ...row, orderId: hash, intentId: "t1-7", price: 450_000 });
    recordOrder(db, { ...row, orderId: "0x" + "0".repeat(64), intentId: "t1-8", price: 440_000 });
    // Given up after a timeout, then booked late by the venue: it must not rest unwatched.
    recordOrder(db, { ...row, orderId: late.orderId!, intentId: "t1-6", price: 410_000, status: "rejected" });

    host = startExchange();
    await connected();
    await settle();
    const byIntent = Object.fromEntries(orderRows().map((r) => [r.intent, r]));
    expect(byIntent["t1-7"]).toMatchObject({ status: "live", reason: "adopted at restart" });
    expect(byIntent["t1-8"]).toMatchObject({ status: "cancelled", reason: "never reached the venue" });
    expect(clob.orders.get(stray.orderId!.toLowerCase())!.status).toBe("CANCELED");
    expect(clob.orders.get(late.orderId!.toLowerCase())!.status).toBe("CANCELED");
    expect(audits.find((a) => a.detail.orderId === late.orderId)).toMatchObject({ severity: "violation", detail: { action: "cancelled", reason: "open at the venue but rejected in the ledger" } });
    expect(clob.orders.get(hash.toLowerCase())!.status).toBe("LIVE");
    const actions = audits.filter((a) => a.kind === "reconcile").map((a) => [a.detail.action, a.severity]);
    expect(actions).toEqual(expect.arrayContaining([["balance", "info"], ["cancelled", "violation"], ["adopted", "violation"], ["cancelled", "info"]]));
    // Adopted orders are tracked: a later maker fill at the venue is booked.
    clob.trades.push({
      id: "maker-1", taker_order_id: "0x" + "9".repeat(64), market: clob.conditionId, asset_id: clob.tokens[0]!, side: "SELL", size: "4", fee_rate_bps: "0", price: "0.45",
      status: "MATCHED", match_time: "0", last_update: "0", outcome: "Up", bucket_index: 0, owner: [...clob.keys.values()][0]!.apiKey, maker_address: wallet.address,
      maker_orders: [{ order_id: hash, owner: "", maker_address: wallet.address, matched_amount: "4", price: "0.45", fee_rate_bps: "0", asset_id: clob.tokens[0]!, outcome: "Up" }],
      err_msg: null, trader_side: "MAKER",
    } as never);
    clock.advanceTo(T0 + 5_000);
    host.tick(T0 + 5_000);
    await waitFor(() => events.some((e) => e.type === "fill"), "the maker fill");
    expect(events.find((e) => e.type === "fill")).toMatchObject({ intentId: "t1-7", liquidity: "maker", size: 4 * M, feeShares: 0, cashDelta: -1_800_000 });
  });

  it("books at start-up the fill of an order that timed out and filled while the floor was down", async () => {
    const first = new LiveExecutor({ host: clob.url, signer: new EthersV6Signer(wallet.privateKey) });
    await first.init();
    const done = await first.place({ intentId: "t1-9", tokenId: clob.tokens[0]!, side: "BUY", type: "FAK", price: 520_000, size: 10 * M });
    first.close();
    recordOrder(db, { agentId: "t1", marketId: "m1", tokenId: clob.tokens[0]!, outcome: "Up", side: "BUY", type: "FAK", size: 10 * M, status: "pending", ts: T0, orderId: done.orderId!, intentId: "t1-9", price: 520_000 });
    // A market whose schedule takes a buy's fee in shares: the ledger keeps the currency across the restart.
    recordMarketOpen(db, { v: 1, id: "x", ts: T0, src: "feed", ...MARKET(), fee: { rate: 0.07, exponent: 1, takerOnly: true, currency: "shares" } });
    host = startExchange(false); // the feed has not re-announced the market yet: its fees come from the ledger
    await connected();
    await settle();
    expect(orderRows()[0]).toMatchObject({ status: "filled", filled: 10 * M });
    expect(events.find((e) => e.type === "fill")).toMatchObject({ intentId: "t1-9", liquidity: "taker", feeShares: 174_720, cashDelta: -5_200_000 });
    expect(audits.find((a) => a.kind === "reconcile" && a.detail.action === "filled")).toBeDefined();
    // The venue's position and the ledger's agree, so no position discrepancy is reported.
    expect(audits.find((a) => a.detail.action === "position")).toBeUndefined();
    expect(clob.orderPosts).toHaveLength(1);
  });

  it("reports a position the venue holds that the ledger does not", async () => {
    const first = new LiveExecutor({ host: clob.url, signer: new EthersV6Signer(wallet.privateKey) });
    await first.init();
    const done = await first.place({ intentId: "t1-10", tokenId: clob.tokens[0]!, side: "BUY", type: "FAK", price: 520_000, size: 10 * M });
    const more = await first.place({ intentId: "t1-11", tokenId: clob.tokens[0]!, side: "BUY", type: "FAK", price: 520_000, size: 3 * M });
    first.close();
    // The ledger knows the first order as filled already, and the second as a rejected one (so its trade is not ours to book).
    recordOrder(db, { agentId: "t1", marketId: "m1", tokenId: clob.tokens[0]!, outcome: "Up", side: "BUY", type: "FAK", size: 10 * M, status: "filled", ts: T0, orderId: done.orderId!, intentId: "t1-10", price: 520_000 });
    recordOrder(db, { agentId: "t1", marketId: "m1", tokenId: clob.tokens[0]!, outcome: "Up", side: "BUY", type: "FAK", size: 3 * M, status: "rejected", ts: T0, orderId: more.orderId!, intentId: "t1-11", price: 520_000 });
    host = startExchange();
    await connected();
    await settle();
    const p = audits.find((a) => a.detail.action === "position");
    expect(p).toMatchObject({ severity: "violation", detail: { tokenId: clob.tokens[0], venueShares: 13 * M, ledgerShares: 0 } });
  });

  it("books a maker fill from the user channel as it happens, once (the poll finds it again)", async () => {
    host = startExchange();
    await connected();
    await waitFor(() => clob.user.open() > 0, "the user channel");
    decide(12, { price: 450_000 });
    await settle();
    const [row] = orderRows();
    clob.fillResting(row!.id, 4 * M);
    await waitFor(() => events.some((e) => e.type === "fill"), "the fill over the user channel");
    expect(events.find((e) => e.type === "fill")).toMatchObject({ intentId: "t1-12", liquidity: "maker", size: 4 * M, feeShares: 0, cashDelta: -1_800_000 });
    clock.advanceTo(T0 + 5_000);
    host.tick(T0 + 5_000); // the poll sees the same trade
    await settle();
    await new Promise((r) => setTimeout(r, 100));
    expect(events.filter((e) => e.type === "fill")).toHaveLength(1);
    expect(orderRows()[0]).toMatchObject({ status: "live", filled: 4 * M });
  });

  it("books a cancel made at the venue by someone else (or the dead-man switch), told by the user channel", async () => {
    host = startExchange();
    await connected();
    await waitFor(() => clob.user.open() > 0, "the user channel");
    decide(13, { price: 450_000 });
    await settle();
    const [row] = orderRows();
    const other = new LiveExecutor({ host: clob.url, signer: new EthersV6Signer(wallet.privateKey) });
    await other.init();
    await other.cancel(row!.id);
    other.close();
    await waitFor(() => events.some((e) => e.type === "cancel"), "the venue's cancel");
    expect(events.find((e) => e.type === "cancel")).toMatchObject({ intentId: "t1-13", remaining: 10 * M, reason: "cancelled at the venue" });
    expect(orderRows()[0]).toMatchObject({ status: "cancelled" });
  });

  it("an order whose post timed out stays pending, is not re-sent, and is adopted when a recheck finds it booked late", async () => {
    host = startExchange(true, { httpTimeoutMs: 200, maxUnknownOutcomeRetries: 0 });
    await connected();
    clob.failNext("POST", "/order", 1, { kind: "late", delayMs: 600 });
    decide(14, { price: 450_000 });
    await settle();
    expect(orderRows()[0]).toMatchObject({ intent: "t1-14", status: "pending" });
    await waitFor(() => clob.orders.size === 1, "the venue to book it late", 3000);
    clock.advanceTo(T0 + 5_000);
    host.tick(T0 + 5_000);
    await waitFor(() => events.some((e) => e.type === "ack"), "the recheck to find it");
    await settle();
    expect(orderRows()[0]).toMatchObject({ status: "live" });
    expect(clob.requestsTo("POST", "/order")).toHaveLength(1);
  });

  it("a GTD order the venue expires is booked as expired, told by the user channel", async () => {
    host = startExchange();
    await connected();
    await waitFor(() => clob.user.open() > 0, "the user channel");
    decide(15, { type: "GTD", price: 450_000, expiresAt: Math.ceil((Date.now() + 1000) / 1000) * 1000 });
    await settle();
    expect(orderRows()[0]).toMatchObject({ intent: "t1-15", status: "live" });
    await waitFor(() => events.some((e) => e.type === "cancel"), "the venue to expire it", 4000);
    expect(events.find((e) => e.type === "cancel")).toMatchObject({ intentId: "t1-15", reason: "expired", remaining: 10 * M });
    expect(orderRows()[0]).toMatchObject({ status: "expired" });
  });

  it("cancels what rests at shutdown, and records it", async () => {
    host = startExchange();
    await connected();
    decide(3);
    await settle();
    const [row] = orderRows();
    expect(row!.status).toBe("live");
    await host.stop();
    host = undefined;
    await bus.idle();
    expect(clob.orders.get(row!.id.toLowerCase())!.status).toBe("CANCELED");
    expect(orderRows()[0]!.status).toBe("cancelled");
    expect(events.at(-1)).toMatchObject({ type: "cancel", reason: "cancel-all" });
  });

  it("halts on a geoblock and refuses later orders with a clear reason", async () => {
    host = startExchange();
    await connected();
    clob.failNext("POST", "/order", 1, { kind: "geoblock" });
    decide(4, { type: "FAK" });
    await settle();
    expect(host.state).toBe("halted");
    expect(audits.find((a) => a.kind === "venue_halt")).toBeDefined();
    decide(5, { type: "FAK" });
    await settle();
    expect(events.at(-1)).toMatchObject({ type: "reject", intentId: "t1-5", reason: "exchange halted" });
    expect(clob.orders.size).toBe(0);
  });
});

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LocalBus } from "../../floor/bus/index.ts";
import { SimClock } from "../../floor/clock/index.ts";
import { AgentHost } from "../../floor/host/index.ts";
import { createLogger } from "../../floor/log/createLogger.ts";
import { tradeFigures } from "../../floor/stats/index.ts";
import type { Metrics } from "../../protocols/index.ts";
import { addCash, openDb, readAgentMetrics, readEquityCurve, type Db } from "../../state/index.ts";
import { tmpDir } from "../../tests/helpers/tmp.ts";
import { monitorAgent } from "./monitorAgent.ts";

const M = 1_000_000;
const T0 = Date.parse("2026-01-01T00:00:00Z");
let tmp: ReturnType<typeof tmpDir>;
let db: Db;
let bus: LocalBus;
let clock: SimClock;
let host: AgentHost;
let seq = 0;
let published: Metrics[];

const send = (subject: string, body: object, src = "test") => bus.publish(subject, JSON.stringify({ v: 1, id: `${src}.${++seq}`, ts: clock.now(), src, ...body }));
const at = async (ms: number) => {
  clock.advanceTo(T0 + ms);
  await bus.idle();
};
const step = async (ms: number) => {
  await at(ms);
  host.tick(T0 + ms);
  await bus.idle();
};
const book = (marketId: string, bid: number, ask: number) => send(`md.book.${marketId}`, { marketId, tokenId: "1", bids: [{ price: bid, size: 100 * M }], asks: [{ price: ask, size: 100 * M }], tickSize: 10_000, minSize: M }, "feed");
const ev = { agentId: "a" };
const fill = (marketId: string, outcome: "Up" | "Down", price: number, fee: number, intentId: string) =>
  send("order.event.a", { ...ev, intentId, type: "fill", orderId: `o-${intentId}`, fillId: `f-${intentId}`, marketId, tokenId: "1", outcome, side: "BUY", price, size: 10 * M, feeShares: 0, feeUsd: fee, cashDelta: -(price * 10 + fee), sharesDelta: 10 * M }, "exchange");
const last = (agentId: string) => published.filter((m) => m.agentId === agentId).at(-1)!;

beforeEach(() => {
  tmp = tmpDir("monitor-agent");
  db = openDb(tmp.path("floor.db"));
  addCash(db, "floor", 10_000 * M, "deposit", "initial capital", T0);
  bus = new LocalBus();
  clock = new SimClock(T0);
  published = [];
  bus.subscribe("metrics.*", (m) => void published.push(JSON.parse(m.data) as Metrics));
  host = new AgentHost(monitorAgent("monitor"), { bus, clock, db, log: createLogger({ level: "silent" }), runId: 1 });
  host.start();
});
afterEach(async () => {
  await host.stop();
  await bus.close();
  db.close();
  tmp.remove();
});

describe("the monitor's figures", () => {
  it("folds a scripted run of books, orders and settlements into exactly the expected figures", async () => {
    send("floor.life.spawn", { verb: "spawn", agentId: "a", kind: "trader" }, "supervisor");
    send("ctl.a.allocate", { verb: "allocate", capital: 1_000 * M }, "boss");
    await at(1_000);
    book("m1", 480_000, 520_000); // mid 0.50
    // The book at T0 + 1 s leads to an intent at +1.003 s, decided at +1.010 s, acked at +1.025 s.
    await at(1_003);
    send("order.intent.a", { ...ev, intentId: "i1", marketId: "m1", tokenId: "1", outcome: "Up", side: "BUY", type: "FAK", price: 500_000, size: 10 * M, belief: 0.6, tick: { id: "feed.1", ts: T0 + 1_000 } }, "a");
    await at(1_010);
    send("order.decision.a", { intent: { ...ev, intentId: "i1", marketId: "m1", tokenId: "1", outcome: "Up", side: "BUY", type: "FAK", price: 500_000, size: 10 * M, belief: 0.6, tick: { id: "feed.1", ts: T0 + 1_000 } }, approved: true }, "boss");
    await at(1_025);
    send("order.event.a", { ...ev, intentId: "i1", type: "ack", orderId: "o-i1" }, "exchange");
    fill("m1", "Up", 500_000, 175_000, "i1"); // 10 Up at 0.50 and a $0.175 fee: $5.175 paid
    await step(60_000);
    book("m1", 580_000, 620_000); // mid 0.60: 10 × 0.60 − 5.175 = +0.825 unrealized
    await step(120_000);
    const open = last("a");
    expect(open).toMatchObject({ fills: 1, realizedPnl: 0, unrealizedPnl: 825_000, pnl: 825_000, equity: 1_000_825_000, openPositions: 1, turnover: 5 * M, feesUsd: 175_000, restarts: 0 });
    expect(open.uptimeMs).toBe(120_000);
    expect(open.latency).toEqual({
      tickToIntent: { n: 1, p50: 3, p99: 3 },
      intentToDecision: { n: 1, p50: 7, p99: 7 },
      tickToDecision: { n: 1, p50: 10, p99: 10 },
      decisionToAck: { n: 1, p50: 15, p99: 15 },
      tickToAck: { n: 1, p50: 25, p99: 25 },
    });
    // The curve: a point at +60 s (marked at 0.50: 1,000 − 0.175) and one at +120 s (1,000.825).
    expect(readEquityCurve(db, "a")).toEqual([
      { ts: T0 + 60_000, equity: 999_825_000 },
      { ts: T0 + 120_000, equity: 1_000_825_000 },
    ]);

    // The window resolves Up: the position pays $10, +4.825, published at once.
    await at(130_000);
    send("md.market.m1.resolved", { phase: "resolved", marketId: "m1", outcome: "Up", derived: false }, "feed");
    send("order.event.a", { ...ev, intentId: "settle-m1", type: "settle", marketId: "m1", winner: "Up", upShares: 10 * M, downShares: 0, payout: 10 * M, pnl: 4_825_000 }, "exchange");
    await at(131_000);
    expect(last("a")).toMatchObject({ settled: 1, wins: 1, realizedPnl: 4_825_000, unrealizedPnl: 0, pnl: 4_825_000, equity: 1_004_825_000, openPositions: 0 });
    expect(last("a").record).toMatchObject({ trades: 1, winRate: 1, avgWin: 4_825_000, avgLoss: null, profitFactor: null, sharpe: null });

    // A second window: 10 Down at 0.40 ($4.12 with fee), marked at the mid 1 − 0.70 = 0.30, then lost.
    book("m2", 680_000, 720_000);
    fill("m2", "Down", 400_000, 120_000, "i2");
    await step(200_000);
    expect(last("a")).toMatchObject({ unrealizedPnl: 3 * M - 4_120_000, equity: 1_004_825_000 + 3 * M - 4_120_000 });
    send("md.market.m2.resolved", { phase: "resolved", marketId: "m2", outcome: "Up", derived: false }, "feed");
    send("order.event.a", { ...ev, intentId: "settle-m2", type: "settle", marketId: "m2", winner: "Up", upShares: 0, downShares: 10 * M, payout: 0, pnl: -4_120_000 }, "exchange");
    await at(201_000);
    const after = last("a");
    const trades = [{ ts: T0 + 130_000, pnl: 4_825_000, cost: 5_175_000 }, { ts: T0 + 200_000, pnl: -4_120_000, cost: 4_120_000 }];
    const tf = tradeFigures(trades);
    expect(after.record).toEqual({ trades: 2, winRate: 0.5, avgWin: 4_825_000, avgLoss: -4_120_000, profitFactor: 4_825_000 / 4_120_000, sharpe: tf.sharpe, sortino: tf.sortino, psr: tf.psr });
    expect(after).toMatchObject({ realizedPnl: 705_000, equity: 1_000_705_000, turnover: 9 * M, feesUsd: 295_000 });
    // Drawdown on the curve's points (+60 s, +120 s, +200 s at 1,003.705: no step sampled the settled 1,004.825) and now, 1,000.705.
    expect(readEquityCurve(db, "a").map((p) => p.equity)).toEqual([999_825_000, 1_000_825_000, 1_003_705_000]);
    const peak = 1_003_705_000;
    expect(after.drawdown!.current).toBeCloseTo((peak - 1_000_705_000) / peak, 15);
    expect(after.drawdown!.max).toBeCloseTo((peak - 1_000_705_000) / peak, 15);
    expect(after.drawdown!.maxAt).toBe(T0 + 201_000);

    // The floor: the same trader's figures, measured from the deposits.
    await step(300_000);
    expect(last("floor")).toMatchObject({ agentId: "floor", fills: 2, settled: 2, realizedPnl: 705_000, equity: 10_000_705_000, turnover: 9 * M, openPositions: 0 });
    expect(last("floor").latency?.tickToAck).toEqual({ n: 1, p50: 25, p99: 25 });
    // The database holds the latest of each, as published.
    const rows = readAgentMetrics(db);
    const bodyOf = ({ v: _v, id: _id, ts: _ts, src: _src, ...body }: Metrics) => body;
    expect(rows.get("a")).toEqual({ ts: last("a").ts, metrics: bodyOf(last("a")) });
    expect(rows.get("floor")).toEqual({ ts: last("floor").ts, metrics: bodyOf(last("floor")) });
  });

  it("publishes an agent at most once per ten seconds of floor time between settlements", async () => {
    send("ctl.a.allocate", { verb: "allocate", capital: 1_000 * M }, "boss");
    book("m1", 480_000, 520_000);
    fill("m1", "Up", 500_000, 0, "i1");
    for (let s = 1; s <= 30; s++) await step(s * 1_000);
    expect(published.filter((m) => m.agentId === "a").map((m) => m.ts - T0)).toEqual([1_000, 11_000, 21_000]);
  });

  it("carries on after a restart: from its checkpoint exactly, from the database without one (latencies start afresh)", async () => {
    const spec = () => new AgentHost(monitorAgent("monitor"), { bus, clock, db, log: createLogger({ level: "silent" }), runId: 2 });
    send("ctl.a.allocate", { verb: "allocate", capital: 1_000 * M }, "boss");
    await at(1_000);
    book("m1", 480_000, 520_000);
    send("order.decision.a", { intent: { ...ev, intentId: "i1", marketId: "m1", tokenId: "1", outcome: "Up", side: "BUY", type: "FAK", price: 500_000, size: 10 * M, belief: 0.6, tick: { id: "feed.1", ts: T0 + 990 } }, approved: true }, "boss");
    fill("m1", "Up", 500_000, 175_000, "i1");
    // What the ledger would hold (the monitor only reads it after a restart without its checkpoint).
    db.prepare("INSERT INTO positions (agent_id, market_id, outcome, shares_micro, cost_micro) VALUES ('a', 'm1', 'Up', ?, ?)").run(10 * M, 5_175_000);
    // An earlier window settled, in the ledger and on the bus: a checkpoint leaves the record to the ledger.
    db.prepare("INSERT INTO settlements (agent_id, market_id, winner, up_shares_micro, down_shares_micro, payout_micro, cost_micro, pnl_micro, ts) VALUES ('a', 'm0', 'Up', ?, 0, ?, ?, ?, ?)").run(10 * M, 10 * M, 5_175_000, 4_825_000, T0 + 1_000);
    send("order.event.a", { ...ev, intentId: "settle-m0", type: "settle", marketId: "m0", winner: "Up", upShares: 10 * M, downShares: 0, payout: 10 * M, pnl: 4_825_000 }, "exchange");
    await step(60_000);
    const before = last("a");
    expect(before.record).toMatchObject({ trades: 1, avgWin: 4_825_000 });
    const figures = ({ v: _v, id: _id, ts: _ts, src: _src, uptimeMs: _u, ...rest }: Metrics) => rest;

    const cp = host.checkpoint();
    await host.stop();
    host = spec();
    host.start(cp);
    await step(120_000);
    expect(figures(last("a"))).toEqual(figures(before));

    await host.stop();
    host = spec();
    host.start();
    await step(180_000);
    const reloaded = last("a");
    expect(reloaded.ts).toBe(T0 + 180_000);
    // The actor's score comes back from its snapshot; holdings, basis, turnover and the curve from the database; the book's mid is gone (marked at cost).
    expect(reloaded).toMatchObject({ fills: 1, feesUsd: 175_000, turnover: 5 * M, openPositions: 1, unrealizedPnl: 0, equity: 1_000 * M + 4_825_000, record: before.record });
    expect(reloaded.latency).toEqual({});
    expect(readEquityCurve(db, "a").map((p) => p.ts - T0)).toEqual([60_000, 120_000, 180_000]);
  });
});

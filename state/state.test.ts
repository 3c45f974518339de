import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { schemaAt } from "../tests/helpers/schemaAt.ts";
import { tmpDir } from "../tests/helpers/tmp.ts";
import type { MarketOpen } from "../protocols/index.ts";
import {
  addCash, appendAudit, cashOf, ledgerHash, listOpenOrders, loadSnapshot, marketFee, MIGRATIONS, openDb, readStatus, recordFill, recordMarketOpen,
  recordMarketResolved, recordOrder, registerAgent, saveSnapshot, settleMarket, transferCash, verifyAudit, type Db,
} from "./index.ts";

const M = 1_000_000;
let tmp: ReturnType<typeof tmpDir>;
let db: Db;
beforeEach(() => {
  tmp = tmpDir("state");
  db = openDb(tmp.path("floor.db"));
});
afterEach(() => {
  db.close();
  tmp.remove();
});

const market: MarketOpen = {
  v: 1, id: "x", ts: 0, src: "feed", phase: "open", marketId: "m1", slug: "m1", symbol: "BTCUSD", upTokenId: "1".repeat(77), downTokenId: "2".repeat(77),
  startTs: 0, endTs: 900_000, strike: 95_000 * M, fee: { rate: 0.07, exponent: 1, takerOnly: true }, tickSize: 10_000, minSize: 5 * M,
};

function buy(agentId: string, n: number, outcome: "Up" | "Down", price: number, shares: number, feeShares: number) {
  const orderId = `o-${agentId}-${n}`;
  recordOrder(db, { orderId, intentId: `${agentId}-${n}`, agentId, marketId: "m1", tokenId: "1", outcome, side: "BUY", type: "FAK", price, size: shares, status: "filled", ts: 1 });
  recordFill(db, { fillId: `${orderId}-f1`, orderId, agentId, marketId: "m1", outcome, side: "BUY", price, size: shares, feeShares, feeUsd: 0, cashDelta: -((price * shares) / M), sharesDelta: shares - feeShares, ts: 1 });
}

describe("state", () => {
  it("opens in WAL mode at the latest schema, and reopening is a no-op", () => {
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.pragma("user_version", { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
    db.close();
    db = openDb(tmp.path("floor.db"));
    expect(db.pragma("user_version", { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
  });

  it("records an intent once: a retried intent never makes a second order", () => {
    const o = { orderId: "o1", intentId: "i1", agentId: "a", marketId: "m1", tokenId: "1", outcome: "Up" as const, side: "BUY" as const, type: "FAK", price: 500_000, size: 10 * M, status: "live" as const, ts: 1 };
    expect(recordOrder(db, o)).toEqual({ orderId: "o1", created: true });
    expect(recordOrder(db, { ...o, orderId: "o2" })).toEqual({ orderId: "o1", created: false });
    expect(readStatus(db).orders).toBe(1);
  });

  it("keeps an order's post-only flag and a GTD order's expiry (only a GTD's) for a restart to re-enter it", () => {
    const o = { intentId: "i1", agentId: "a", marketId: "m1", tokenId: "1", outcome: "Up" as const, side: "BUY" as const, price: 500_000, size: 10 * M, status: "live" as const, ts: 1 };
    recordOrder(db, { ...o, orderId: "gtd", type: "GTD", postOnly: true, expiresAt: 60_000 });
    recordOrder(db, { ...o, orderId: "gtc", intentId: "i2", type: "GTC", expiresAt: 60_000 });
    expect(listOpenOrders(db).map((r) => [r.orderId, r.postOnly, r.expiresAt])).toEqual([["gtd", true, 60_000], ["gtc", false, undefined]]);
    expect(listOpenOrders(db)[1]).not.toHaveProperty("expiresAt");
  });

  it("upgrades a v3 file: its orders are not post-only and have no expiry, and its ledger hash is unchanged", () => {
    const path = tmp.path("v3.db");
    const old = schemaAt(path, 3);
    old.prepare(`INSERT INTO orders (order_id, intent_id, agent_id, market_id, token_id, outcome, side, type, price_micro, size_micro, status, created_ts, updated_ts)
      VALUES ('o1', 'i1', 'a', 'm1', '1', 'Up', 'BUY', 'GTD', 500000, 10000000, 'live', 1, 1)`).run();
    const before = ledgerHash(old);
    old.close();
    const upgraded = openDb(path);
    try {
      expect(upgraded.pragma("user_version", { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
      expect(listOpenOrders(upgraded)).toEqual([expect.objectContaining({ orderId: "o1", type: "GTD", postOnly: false })]);
      expect(listOpenOrders(upgraded)[0]).not.toHaveProperty("expiresAt");
      expect(ledgerHash(upgraded)).toBe(before);
    } finally {
      upgraded.close();
    }
  });

  it("keeps a market's fee schedule, currency and rebates included; markets from before v6 keep the shares reading", () => {
    recordMarketOpen(db, { ...market, fee: { rate: 0.07, exponent: 1, takerOnly: true, rebateRate: 0.2, takerRebateRate: 0.03 } });
    expect(marketFee(db, "m1")).toEqual({ rate: 0.07, exponent: 1, takerOnly: true, currency: "usd", rebateRate: 0.2, takerRebateRate: 0.03 });
    recordMarketOpen(db, { ...market, marketId: "m2", fee: { rate: 0.25, exponent: 2, takerOnly: true, currency: "shares" } });
    expect(marketFee(db, "m2")).toEqual({ rate: 0.25, exponent: 2, takerOnly: true, currency: "shares" });
    expect(marketFee(db, "nope")).toBeUndefined();
    const path = tmp.path("v5.db");
    const old = schemaAt(path, 5);
    old.prepare(`INSERT INTO markets (market_id, slug, symbol, up_token_id, down_token_id, start_ts, end_ts, strike_micro, fee_rate, fee_exponent)
      VALUES ('m1', 'm1', 'BTCUSD', '1', '2', 0, 900000, 1, 0.07, 1)`).run();
    old.close();
    const upgraded = openDb(path);
    try {
      expect(marketFee(upgraded, "m1")).toEqual({ rate: 0.07, exponent: 1, takerOnly: true, currency: "shares" });
    } finally {
      upgraded.close();
    }
  });

  it("settles winners at 1 and losers at 0, once, and cash equals deposits plus realized PnL", () => {
    addCash(db, "floor", 10_000 * M, "deposit", null, 0);
    transferCash(db, "floor", "a", 1_000 * M, "alloc-a", 0);
    transferCash(db, "floor", "b", 1_000 * M, "alloc-b", 0);
    recordMarketOpen(db, market);
    buy("a", 1, "Up", 400_000, 100 * M, 1_680_000);
    buy("b", 1, "Down", 600_000, 50 * M, 0);
    expect(readStatus(db).openPositionCost).toBe(70);
    expect(recordMarketResolved(db, "m1", "Up", true, 900_000)).toBe(true);
    const s = settleMarket(db, "m1", "Up", 900_000);
    expect(s.map((x) => [x.agentId, x.payout, x.pnl])).toEqual([["a", 98_320_000, 58_320_000], ["b", 0, -30 * M]]);
    expect(settleMarket(db, "m1", "Up", 900_001)).toEqual([]);
    expect(recordMarketResolved(db, "m1", "Down", true, 900_001)).toBe(false);
    const st = readStatus(db);
    expect(st.cash).toBeCloseTo(st.deposits + st.realizedPnl, 9);
    expect(st.realizedPnl).toBeCloseTo(28.32, 9);
    expect(cashOf(db, "a")).toBe(1_000 * M - 40 * M + 98_320_000);
    expect(st.openPositionCost).toBe(0);
  });

  it("hashes the ledger deterministically and notices any change", () => {
    addCash(db, "floor", 10 * M, "deposit", null, 0);
    const h = ledgerHash(db);
    expect(ledgerHash(db)).toBe(h);
    addCash(db, "floor", 1, "deposit", null, 0);
    expect(ledgerHash(db)).not.toBe(h);
  });

  it("keeps the audit log append-only and detects tampering", () => {
    for (let i = 0; i < 5; i++) appendAudit(db, { ts: i, kind: "intent", severity: "info", src: "t", detail: { i } });
    expect(verifyAudit(db)).toMatchObject({ ok: true, entries: 5 });
    expect(() => db.prepare("UPDATE audit_log SET detail_json = '{}' WHERE seq = 3").run()).toThrow(/append-only/);
    expect(() => db.prepare("DELETE FROM audit_log WHERE seq = 5").run()).toThrow(/append-only/);
    // Someone with write access drops the guard and edits a row: the chain shows where.
    db.exec("DROP TRIGGER audit_log_no_update");
    db.prepare(`UPDATE audit_log SET detail_json = '{"i":99}' WHERE seq = 3`).run();
    expect(verifyAudit(db)).toMatchObject({ ok: false, brokenAt: 3, entries: 2 });
  });

  it("restores a snapshot only for the same machine version", () => {
    registerAgent(db, { agentId: "t1", kind: "trader", config: {}, state: "trading", ts: 0 });
    saveSnapshot(db, "t1", "trader@1", JSON.stringify({ value: "paused" }), 5);
    expect(loadSnapshot(db, "t1", "trader@1")).toEqual({ value: "paused" });
    expect(loadSnapshot(db, "t1", "trader@2")).toBeUndefined();
  });
});

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { tmpDir } from "../tests/helpers/tmp.ts";
import type { MarketOpen } from "../protocols/index.ts";
import {
  addCash, openDb, recordFill, recordMarketOpen, recordMarketResolved, recordOrder, reconcileLedger, reverseFill, settleMarket, transferCash, type Db,
} from "./index.ts";

const M = 1_000_000;
let tmp: ReturnType<typeof tmpDir>;
let db: Db;
beforeEach(() => {
  tmp = tmpDir("reconcile");
  db = openDb(tmp.path("floor.db"));
  addCash(db, "floor", 10_000 * M, "deposit", null, 0);
  transferCash(db, "floor", "a", 1_000 * M, "alloc-a", 0);
  for (const id of ["m1", "m2"]) recordMarketOpen(db, market(id));
  buy("a", 1, "m1", 400_000, 100 * M, 1_680_000);
  buy("a", 2, "m2", 600_000, 50 * M, 0);
});
afterEach(() => {
  db.close();
  tmp.remove();
});

function market(id: string): MarketOpen {
  return {
    v: 1, id: "x", ts: 0, src: "feed", phase: "open", marketId: id, slug: id, symbol: "BTCUSD", upTokenId: "1".repeat(77), downTokenId: "2".repeat(77),
    startTs: 0, endTs: 900_000, strike: 95_000 * M, fee: { rate: 0.07, exponent: 1, takerOnly: true }, tickSize: 10_000, minSize: 5 * M,
  };
}

function buy(agentId: string, n: number, marketId: string, price: number, shares: number, feeShares: number): void {
  const orderId = `o-${agentId}-${n}`;
  recordOrder(db, { orderId, intentId: `${agentId}-${n}`, agentId, marketId, tokenId: "1", outcome: "Up", side: "BUY", type: "FAK", price, size: shares, status: "filled", ts: 1 });
  recordFill(db, { fillId: `${orderId}-f1`, orderId, agentId, marketId, outcome: "Up", side: "BUY", price, size: shares, feeShares, feeUsd: 0, cashDelta: -((price * shares) / M), sharesDelta: shares - feeShares, ts: 1 });
}

const run = (sql: string, ...args: unknown[]) => db.prepare(sql).run(...args);

describe("reconcileLedger", () => {
  it("finds nothing in a ledger that adds up: open positions, a settled market, a reversed fill", () => {
    recordMarketResolved(db, "m1", "Up", true, 900_000);
    settleMarket(db, "m1", "Up", 900_000);
    buy("a", 3, "m2", 500_000, 10 * M, 0);
    reverseFill(db, "o-a-3-f1", 2);
    expect(reconcileLedger(db)).toEqual([]);
  });

  it("reports a tampered position with both figures", () => {
    run("UPDATE positions SET shares_micro = shares_micro + 7 WHERE market_id = 'm2'");
    expect(reconcileLedger(db)).toEqual([
      { check: "position", figure: "shares", agentId: "a", marketId: "m2", outcome: "Up", recorded: 50 * M + 7, expected: 50 * M },
    ]);
  });

  it("reports a missing position row, and one left over in a resolved market", () => {
    run("DELETE FROM positions WHERE market_id = 'm2'");
    recordMarketResolved(db, "m1", "Up", true, 900_000); // resolved, never settled: its position stays
    const found = reconcileLedger(db).map((d) => [d.check, d.figure, d.marketId, d.recorded, d.expected]);
    expect(found).toEqual([
      ["position", "shares", "m1", 100 * M - 1_680_000, 0],
      ["position", "cost", "m1", 40 * M, 0],
      ["position", "shares", "m2", 0, 50 * M],
      ["position", "cost", "m2", 0, 30 * M],
      ["cash", "floor cash", undefined, 9_930 * M, 9_960 * M], // the open cost the missing row held is missing too
    ]);
  });

  it("reports cash the journal holds without a fill or settlement behind it, and allocations that do not net out", () => {
    addCash(db, "a", 5 * M, "fill", "ghost", 3);
    addCash(db, "a", 2 * M, "settle", "m9", 3);
    addCash(db, "b", 1 * M, "allocate", "one-sided", 3);
    expect(reconcileLedger(db)).toEqual([
      { check: "cash", figure: "fill cash", agentId: "a", recorded: -65 * M, expected: -70 * M },
      { check: "cash", figure: "settle cash", agentId: "a", recorded: 2 * M, expected: 0 },
      { check: "cash", figure: "allocations", agentId: "*", recorded: 1 * M, expected: 0 },
      { check: "cash", figure: "floor cash", agentId: "*", recorded: 9_938 * M, expected: 9_930 * M },
    ]);
  });

  it("reports an order whose filled size is not the sum of its fills", () => {
    run("UPDATE orders SET filled_micro = 0 WHERE order_id = 'o-a-2'");
    expect(reconcileLedger(db)).toEqual([{ check: "order", figure: "filled", agentId: "a", marketId: "m2", orderId: "o-a-2", recorded: 0, expected: 50 * M }]);
  });

  it("reports floor cash that is not deposits + realized PnL − open cost (a settlement's PnL that its cash does not bear out)", () => {
    recordMarketResolved(db, "m1", "Up", true, 900_000);
    settleMarket(db, "m1", "Up", 900_000);
    expect(reconcileLedger(db)).toEqual([]);
    run("UPDATE settlements SET pnl_micro = pnl_micro + 3 WHERE market_id = 'm1'");
    const cash = 10_000 * M - 70 * M + (100 * M - 1_680_000);
    expect(reconcileLedger(db)).toEqual([{ check: "cash", figure: "floor cash", agentId: "*", recorded: cash, expected: cash + 3 }]);
  });
});

import { afterEach, beforeEach, expect, it } from "vitest";
import { tmpDir } from "../tests/helpers/tmp.ts";
import { addCash, cashOf, hasFill, openDb, readStatus, recordFill, recordOrder, reverseFill, settleMarket, type Db } from "./index.ts";

const M = 1_000_000;
let tmp: ReturnType<typeof tmpDir>;
let db: Db;
beforeEach(() => {
  tmp = tmpDir("reverse");
  db = openDb(tmp.path("floor.db"));
  addCash(db, "a", 100 * M, "deposit", null, 0);
  recordOrder(db, { orderId: "o1", intentId: "i1", agentId: "a", marketId: "m1", tokenId: "1".repeat(77), outcome: "Up", side: "BUY", type: "FAK", price: 500_000, size: 10 * M, status: "live", ts: 1 });
  recordFill(db, { fillId: "t1", orderId: "o1", agentId: "a", marketId: "m1", outcome: "Up", side: "BUY", price: 500_000, size: 10 * M, feeShares: 175_000, feeUsd: 0, cashDelta: -5 * M, sharesDelta: 10 * M - 175_000, ts: 2 });
});
afterEach(() => {
  db.close();
  tmp.remove();
});

const position = () => db.prepare("SELECT shares_micro AS s, cost_micro AS c FROM positions WHERE agent_id = 'a'").get() as { s: number; c: number };
const filled = () => (db.prepare("SELECT filled_micro AS f FROM orders WHERE order_id = 'o1'").get() as { f: number }).f;

it("undoes a fill exactly: cash, position and filled size return to before it, and both rows stay", () => {
  expect(cashOf(db, "a")).toBe(95 * M);
  const r = reverseFill(db, "t1", 3);
  expect(r).toMatchObject({ reversalId: "t1:reversed", orderId: "o1", agentId: "a", size: 10 * M, cashDelta: 5 * M, sharesDelta: -(10 * M - 175_000) });
  expect(cashOf(db, "a")).toBe(100 * M);
  expect(position()).toEqual({ s: 0, c: 0 });
  expect(filled()).toBe(0);
  expect(hasFill(db, "t1")).toBe(true);
  expect(hasFill(db, "t1:reversed")).toBe(true);
  const st = readStatus(db);
  expect(st.fills).toBe(1); // the reversal is not a second fill
  expect(st.feeShares).toBe(0); // its fee shares were returned with it
});

it("reverses once: a second report of the failure, or an unknown fill, books nothing", () => {
  expect(reverseFill(db, "t1", 3)).toBeDefined();
  expect(reverseFill(db, "t1", 4)).toBeUndefined();
  expect(reverseFill(db, "t1:reversed", 4)).toBeUndefined();
  expect(reverseFill(db, "nope", 4)).toBeUndefined();
  expect(cashOf(db, "a")).toBe(100 * M);
});

it("a settled market after a reversal pays nothing for the shares that never arrived", () => {
  reverseFill(db, "t1", 3);
  const s = settleMarket(db, "m1", "Up", 5);
  expect(s.reduce((n, x) => n + x.payout, 0)).toBe(0);
  expect(cashOf(db, "a")).toBe(100 * M);
});

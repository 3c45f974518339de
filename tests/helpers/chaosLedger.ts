import type { MarketOpen } from "../../protocols/index.ts";
import { writeAnchor } from "../../state/auditAnchor.ts";
import { appendAudit, openDb, settleMarket, type Db } from "../../state/index.ts";
import { addCash, recordFill, recordOrder, transferCash } from "../../state/ledger.ts";
import { recordMarketOpen, recordMarketResolved } from "../../state/markets.ts";
import type { StoredMsg } from "../../floor/chaos/storedEvents.ts";

const M = 1_000_000;
const UP = "1".repeat(77);
const market: MarketOpen = {
  v: 1, id: "x", ts: 0, src: "feed", phase: "open", marketId: "m1", slug: "m1", symbol: "BTCUSD", upTokenId: UP, downTokenId: "2".repeat(77),
  startTs: 0, endTs: 900_000, strike: 95_000 * M, fee: { rate: 0, exponent: 1, takerOnly: true }, tickSize: 10_000, minSize: 5 * M,
};
const intent = { intentId: "a-1", agentId: "a", marketId: "m1", tokenId: UP, outcome: "Up" as const, side: "BUY" as const, type: "FAK" as const, price: 500_000, size: 20 * M, belief: 0.6 };
const env = (id: string, src: string) => ({ v: 1, id, ts: 1, src });
const fill = (n: number) => ({ fillId: `t${n}@o-1`, orderId: "o-1", agentId: "a", marketId: "m1", outcome: "Up" as const, side: "BUY" as const, price: 500_000, size: 10 * M, feeShares: 0, feeUsd: 0, cashDelta: -5 * M, sharesDelta: 10 * M });

/** An approved decision for intent `a-1`, as the boss publishes it. */
export const approval = (id = "d1"): StoredMsg => ({ subject: "order.decision.a", data: JSON.stringify({ ...env(id, "boss"), intent, approved: true }) });
/** Fill `n` of order o-1 (t1 and t2 are in the ledger), as the exchange publishes it. */
export const fillEvent = (n: number, id = `e-f${n}`): StoredMsg => ({ subject: "order.event.a", data: JSON.stringify({ ...env(id, "exchange"), type: "fill", intentId: "a-1", tokenId: UP, liquidity: "taker", ...fill(n) }) });
/** a's settlement of m1 (won: 20 Up shares pay $20 for a cost of $10). */
export const settleEvent = (id = "e-s"): StoredMsg => ({ subject: "order.event.a", data: JSON.stringify({ ...env(id, "exchange"), type: "settle", intentId: "settle-m1", agentId: "a", marketId: "m1", winner: "Up", upShares: 20 * M, downShares: 0, payout: 20 * M, pnl: 10 * M }) });

/**
 * A small clean floor file, booked and audited as the floor's agents do it: a deposit, an
 * allocation to trader a, one order filled twice in m1, m1 resolved Up and settled, the audit
 * anchored. `stream` is what the floor's stream kept of it.
 */
export function chaosLedger(path: string): { db: Db; stream: StoredMsg[] } {
  const db = openDb(path);
  const audit = (kind: string, detail: Record<string, unknown>) => appendAudit(db, { ts: 1, kind, severity: "info", src: "x", detail });
  addCash(db, "floor", 1_000 * M, "deposit", "initial capital", 0);
  audit("deposit", { agentId: "floor", amount: 1_000 * M, ref: "initial capital" });
  transferCash(db, "floor", "a", 100 * M, "allocate-a", 0);
  audit("transfer", { from: "floor", to: "a", amount: 100 * M, ref: "allocate-a" });
  recordMarketOpen(db, market);
  recordOrder(db, { orderId: "o-1", intentId: "a-1", agentId: "a", marketId: "m1", tokenId: UP, outcome: "Up", side: "BUY", type: "FAK", price: 500_000, size: 20 * M, status: "filled", ts: 1 });
  audit("approved", { intentId: "a-1", agentId: "a", price: 500_000, size: 20 * M });
  for (const n of [1, 2]) {
    recordFill(db, { ...fill(n), ts: 1 });
    audit("order_fill", { type: "fill", intentId: "a-1", tokenId: UP, liquidity: "taker", ...fill(n) });
  }
  recordMarketResolved(db, "m1", "Up", true, 900_000);
  const [s] = settleMarket(db, "m1", "Up", 900_000);
  audit("order_settle", { type: "settle", intentId: "settle-m1", ...s });
  writeAnchor(db, path, { floorTime: 900_000, running: false });
  return { db, stream: [approval(), fillEvent(1), fillEvent(2), settleEvent()] };
}

/** Rebuild `table` without its constraints, as a file whose UNIQUE guards failed would be, so a duplicate can be planted. */
export function dropConstraints(db: Db, table: string): void {
  db.exec(`ALTER TABLE ${table} RENAME TO ${table}_guarded; CREATE TABLE ${table} AS SELECT * FROM ${table}_guarded;`);
}

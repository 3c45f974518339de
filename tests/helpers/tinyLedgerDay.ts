import { addCash, appendAudit, recordFill, recordForecast, recordOrder, registerAgent, settleMarket, transferCash, type Db } from "../../state/index.ts";

/**
 * One small day of a floor, booked through the ledger's own functions from `from` (a UTC midnight):
 * a $1,000 deposit, $100 to trader t1, which buys 100 Up shares at 0.40 (fee $0.50) in window m1;
 * m1 resolves Up an hour in, so t1 makes $59.50. A belief, a breaker and a violation are audited.
 */
export function tinyLedgerDay(db: Db, from: number): void {
  const at = (min: number) => from + min * 60_000;
  registerAgent(db, { agentId: "t1", kind: "trader", config: { id: "t1", kind: "trader", strategy: "momentum" }, state: "trading", ts: at(0), origin: "config" });
  addCash(db, "floor", 1_000_000_000, "deposit", "initial capital", at(0));
  appendAudit(db, { ts: at(0), kind: "deposit", severity: "info", src: "boss", detail: { agentId: "floor", amount: 1_000_000_000, ref: "initial capital" } });
  transferCash(db, "floor", "t1", 100_000_000, "allocate-t1", at(0));
  appendAudit(db, { ts: at(0), kind: "transfer", severity: "info", src: "boss", detail: { from: "floor", to: "t1", amount: 100_000_000, ref: "allocate-t1" } });
  db.prepare("INSERT INTO markets (market_id, slug, symbol, up_token_id, down_token_id, start_ts, end_ts, strike_micro, fee_rate, fee_exponent, outcome, resolved_ts) VALUES ('m1', 'm1', 'BTCUSD', 'up', 'down', ?, ?, 1, 0.07, 1, 'Up', ?)").run(at(0), at(60), at(60));
  recordOrder(db, { orderId: "o1", intentId: "i1", agentId: "t1", marketId: "m1", tokenId: "up", outcome: "Up", side: "BUY", type: "FOK", price: 400_000, size: 100_000_000, status: "filled", ts: at(5) });
  recordFill(db, { fillId: "f1", orderId: "o1", agentId: "t1", marketId: "m1", outcome: "Up", side: "BUY", price: 400_000, size: 100_000_000, feeShares: 0, feeUsd: 500_000, cashDelta: -40_500_000, sharesDelta: 100_000_000, ts: at(5) });
  recordForecast(db, { agentId: "t1", marketId: "m1", ts: at(5), pUp: 0.7, marketP: 0.4 });
  appendAudit(db, { ts: at(5), kind: "order_fill", severity: "info", src: "exchange", detail: { fillId: "f1" } });
  settleMarket(db, "m1", "Up", at(60));
  appendAudit(db, { ts: at(60), kind: "breaker", severity: "info", src: "boss", detail: { action: "trip", breaker: "lossStreak", scope: "t1", mode: "halted", reason: "a <b>test</b> | breaker" } });
  appendAudit(db, { ts: at(61), kind: "fill_violation", severity: "violation", src: "auditor", detail: { rule: "price", fillId: "f1" } });
}

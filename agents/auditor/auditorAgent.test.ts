import { afterEach, beforeEach, expect, it } from "vitest";
import { LocalBus } from "../../floor/bus/index.ts";
import { SimClock } from "../../floor/clock/index.ts";
import { AgentHost } from "../../floor/host/index.ts";
import { createLogger } from "../../floor/log/createLogger.ts";
import { openDb, recordOrder, type Db } from "../../state/index.ts";
import { auditorAgent } from "./auditorAgent.ts";

const M = 1_000_000;
let db: Db, bus: LocalBus, host: AgentHost, seq = 0;
const send = (subject: string, body: object) => bus.publish(subject, JSON.stringify({ v: 1, id: `x.${++seq}`, ts: 0, src: "exchange", ...body }));
const fill = (intentId: string, size: number, price = 450_000) => ({
  type: "fill", agentId: "t1", intentId, orderId: `o-${intentId}`, fillId: `f-${++seq}`, marketId: "m1", tokenId: "1".repeat(77), outcome: "Up", side: "BUY",
  price, size, feeShares: 0, feeUsd: 0, cashDelta: -((price * size) / M), sharesDelta: size,
});
const violations = () => db.prepare("SELECT detail_json AS d FROM audit_log WHERE kind = 'violation'").all() as Array<{ d: string }>;

beforeEach(() => {
  db = openDb(":memory:");
  bus = new LocalBus();
  // An order approved and left working by the previous run: 4 of 10 shares filled.
  recordOrder(db, { orderId: "o-old", intentId: "old", agentId: "t1", marketId: "m1", tokenId: "1".repeat(77), outcome: "Up", side: "BUY", type: "GTC", price: 450_000, size: 10 * M, status: "live", ts: 0 });
  db.prepare("UPDATE orders SET filled_micro = ? WHERE order_id = 'o-old'").run(4 * M);
  host = new AgentHost(auditorAgent("auditor"), { bus, clock: new SimClock(0), db, log: createLogger({ level: "silent" }), runId: 2 });
  host.start();
});
afterEach(async () => {
  await host.stop();
  await bus.close();
  db.close();
});

it("after a restart, checks fills of orders approved in the previous run against that approval", async () => {
  send("order.event.t1", fill("old", 6 * M));
  await bus.idle();
  expect(violations()).toEqual([]); // within the approval: no "fill without an approved decision"
  send("order.event.t1", fill("old", 1 * M));
  await bus.idle();
  expect(violations().map((v) => JSON.parse(v.d))).toEqual([expect.objectContaining({ rule: "fill.order", agentId: "t1", reason: `fills total ${11 * M} over the approved size ${10 * M}` })]);
  send("order.event.t1", fill("unknown", 1 * M));
  await bus.idle();
  expect(violations().map((v) => JSON.parse(v.d).reason).at(-1)).toBe("fill without an approved decision");
});

it("a reversed fill frees its size again", async () => {
  send("order.event.t1", fill("old", 6 * M));
  send("order.event.t1", { type: "reversal", agentId: "t1", intentId: "old", orderId: "o-old", fillId: "f-x", marketId: "m1", outcome: "Up", size: 6 * M, cashDelta: 2_700_000, sharesDelta: -6 * M, reason: "trade FAILED" });
  send("order.event.t1", fill("old", 6 * M));
  await bus.idle();
  expect(violations()).toEqual([]);
});

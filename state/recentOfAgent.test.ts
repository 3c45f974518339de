import { describe, expect, it } from "vitest";
import { openDb } from "./openDb.ts";
import { recordFill, recordOrder } from "./ledger.ts";
import { recentOfAgent } from "./recentOfAgent.ts";
import { tmpDir } from "../tests/helpers/tmp.ts";

describe("recentOfAgent", () => {
  it("gives one agent's newest orders and fills first, at most the limit", () => {
    const tmp = tmpDir("recent");
    const db = openDb(tmp.path("floor.db"));
    const order = (n: number, agentId: string) =>
      recordOrder(db, { orderId: `o${n}`, intentId: `i${n}`, agentId, marketId: "m1", tokenId: "tok", outcome: "Up", side: "BUY", type: "GTC", price: 500_000, size: 10_000_000, status: "live", ts: 1000 + n });
    for (let n = 1; n <= 5; n++) order(n, n % 2 ? "t1" : "t2");
    recordFill(db, { fillId: "f1", orderId: "o1", agentId: "t1", marketId: "m1", outcome: "Up", side: "BUY", price: 500_000, size: 2_000_000, feeShares: 0, feeUsd: 0, cashDelta: -1_000_000, sharesDelta: 2_000_000, ts: 2000 });
    const r = recentOfAgent(db, "t1", 2);
    expect(r.orders.map((o) => o.orderId)).toEqual(["o5", "o3"]);
    expect(r.orders[0]).toMatchObject({ marketId: "m1", price: 500_000, size: 10_000_000, filled: 0, status: "live", createdTs: 1005 });
    expect(r.fills).toEqual([expect.objectContaining({ fillId: "f1", cashDelta: -1_000_000, reversal: false })]);
    expect(recentOfAgent(db, "nobody")).toEqual({ orders: [], fills: [] });
    db.close();
    tmp.remove();
  });
});

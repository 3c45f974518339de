import { describe, expect, it } from "vitest";
import { RiskConfig, type IntentFields } from "../../protocols/index.ts";
import { initialRisk } from "./breakers/index.ts";
import { decide } from "./decide.ts";
import type { Exposure } from "./gate/index.ts";

const M = 1_000_000;
const T0 = Date.UTC(2026, 0, 1);
const risk = RiskConfig.parse({});
const x: Exposure = {
  floorCapital: 10_000 * M, allocated: 1_000 * M, agentCash: 1_000 * M, agentOpenCost: 0, floorOpenCost: 0, marketOpenCost: 0, underlyingOpenCost: 0,
  symbol: "BTCUSD", heldShares: 0, minSize: 5 * M, spotAgeMs: 0, bookAgeMs: 0, dataLimitMs: 10_000,
};
const intent = (n: number, shares = 10): IntentFields => ({ intentId: `t1-${n}`, agentId: "t1", marketId: "m1", tokenId: "1", outcome: "Up", side: "BUY", type: "FAK", price: 500_000, size: shares * M, belief: 0.55 });

describe("decide", () => {
  it("spends the signer's order bucket: 60 orders at once (the standard tier's burst), the 61st refused, one more every 25 ms", () => {
    let book = initialRisk(10_000 * M, T0, { orders: 60, cancels: 120 });
    for (let n = 0; n < 60; n++) {
      const d = decide(book, risk, intent(n), x, T0);
      expect(d.outcome).toBe("approved");
      book = d.book;
    }
    const over = decide(book, risk, intent(60), x, T0);
    expect([over.outcome, over.decision.body.reason]).toEqual(["rejected", "venue order rate: the signer's bucket is empty (standard: 40/s, burst 60)"]);
    expect(over.book).toBe(book); // a refusal takes no token
    expect(decide(book, risk, intent(60), x, T0 + 25).outcome).toBe("approved");
  });
  it("publishes a resized approval with the approved size in its intent and the size asked beside it", () => {
    const d = decide(initialRisk(10_000 * M, T0, { orders: 60, cancels: 120 }), risk, intent(1, 401), x, T0);
    expect(d).toMatchObject({ outcome: "resized", size: 400 * M });
    expect(d.decision).toEqual({
      type: "publish", subject: "order.decision.t1",
      body: { intent: { ...intent(1, 401), size: 400 * M }, approved: true, requestedSize: 401 * M, reason: "resized from 401.00 to 400.00 shares: order cost $200.50 exceeds the per-trade cap $200.00" },
    });
  });
});

import { describe, expect, it } from "vitest";
import type { OrderEvent } from "../../protocols/index.ts";
import { riskEventOf } from "./riskEventOf.ts";

const env = { v: 1 as const, id: "exchange.1.1", ts: 0, src: "exchange", agentId: "t1", intentId: "t1-1" };
const alive = (id: string) => id === "t1";

describe("riskEventOf", () => {
  it("reads a settlement's PnL, an ack as an answer and a reject or reversal as an error; fills and cancels move no breaker", () => {
    const settle: OrderEvent = { ...env, type: "settle", marketId: "m1", winner: "Down", upShares: 370_000_000, downShares: 0, payout: 0, pnl: -195_172_410 };
    expect(riskEventOf(settle, 5, alive)).toEqual({ type: "settled", agentId: "t1", pnl: -195_172_410, alive: true, now: 5 });
    expect(riskEventOf({ ...env, type: "ack", orderId: "o-1" }, 5, alive)).toEqual({ type: "answered", error: false, now: 5 });
    expect(riskEventOf({ ...env, type: "reject", reason: "market not open for trading" }, 5, alive)).toEqual({ type: "answered", error: true, now: 5 });
    expect(riskEventOf({ ...env, type: "reversal", orderId: "o-1", fillId: "f1", marketId: "m1", outcome: "Up", size: 1, cashDelta: 1, sharesDelta: -1, reason: "failed" }, 5, alive)).toEqual({ type: "answered", error: true, now: 5 });
    expect(riskEventOf({ ...env, type: "cancel", orderId: "o-1", remaining: 0, reason: "FAK" }, 5, alive)).toBeUndefined();
  });
});

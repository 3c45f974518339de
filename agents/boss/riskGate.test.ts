import { describe, expect, it } from "vitest";
import { RiskConfig } from "../../protocols/index.ts";
import { buyCost, riskGate, type Exposure } from "./riskGate.ts";

const M = 1_000_000;
const risk = RiskConfig.parse({});
const x: Exposure = { floorCapital: 10_000 * M, allocated: 1_000 * M, agentCash: 1_000 * M, agentOpenCost: 0, floorOpenCost: 0, spotAgeMs: 500, bookAgeMs: 0, dataLimitMs: 10_000 };
const buy = (price: number, shares: number) => ({ side: "BUY" as const, price, size: shares * M });

describe("riskGate", () => {
  it("approves a buy within every cap", () => {
    expect(riskGate(buy(500_000, 100), x, risk)).toEqual({ approved: true });
  });
  it("rejects a buy over 2% of floor capital, with the amounts", () => {
    const v = riskGate(buy(500_000, 401), x, risk); // $200.50 > $200
    expect(v).toEqual({ approved: false, reason: "order cost $200.50 exceeds the per-trade cap $200.00" });
  });
  it("counts a buy's pUSD fee in its cost, and no fee paid in shares", () => {
    const usd = { rate: 0.07, exponent: 1, takerOnly: true };
    expect(buyCost(500_000, 100 * M, usd)).toBe(51_750_000);
    expect(buyCost(500_000, 100 * M, { ...usd, currency: "shares" })).toBe(50 * M);
    expect(buyCost(500_000, 100 * M, undefined)).toBe(50 * M);
    // 390 shares at 0.50 are $195.00, within the $200 cap; with the fee of $6.825 they are not.
    expect(riskGate(buy(500_000, 390), x, risk)).toEqual({ approved: true });
    expect(riskGate(buy(500_000, 390), { ...x, fee: usd }, risk)).toEqual({ approved: false, reason: "order cost $201.82 exceeds the per-trade cap $200.00" });
    expect(riskGate(buy(500_000, 390), { ...x, fee: { ...usd, currency: "shares" } }, risk)).toEqual({ approved: true });
  });
  it("rejects what the agent cannot pay for or would over-deploy", () => {
    expect(riskGate(buy(500_000, 100), { ...x, agentCash: 10 * M }, risk).approved).toBe(false);
    expect(riskGate(buy(500_000, 100), { ...x, agentOpenCost: 990 * M }, risk)).toMatchObject({ approved: false, reason: expect.stringMatching(/over its cap \$1000.00/) });
  });
  it("caps the floor's open positions at 40% of capital", () => {
    expect(riskGate(buy(500_000, 100), { ...x, floorOpenCost: 3_990 * M }, risk)).toMatchObject({ approved: false, reason: expect.stringMatching(/floor would have/) });
  });
  it("refuses new positions on stale or missing market data", () => {
    expect(riskGate(buy(500_000, 10), { ...x, bookAgeMs: 10_001 }, risk)).toEqual({ approved: false, reason: "stale market data: book 10.0 s old (limit 10.0 s)" });
    expect(riskGate(buy(500_000, 10), { ...x, spotAgeMs: Infinity }, risk)).toMatchObject({ approved: false, reason: expect.stringMatching(/spot never seen/) });
    expect(riskGate({ side: "SELL", price: 500_000, size: 10 * M }, { ...x, bookAgeMs: 60_000 }, risk).approved).toBe(true);
  });
  it("rejects agents without capital and lets sells through", () => {
    expect(riskGate(buy(500_000, 1), { ...x, allocated: 0 }, risk)).toEqual({ approved: false, reason: "agent has no capital allocated" });
    expect(riskGate({ side: "SELL", price: 500_000, size: 10_000 * M }, x, risk)).toEqual({ approved: true });
  });
});

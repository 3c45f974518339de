import { describe, expect, it } from "vitest";
import { RiskConfig } from "../../../protocols/index.ts";
import { buyCost, costPerShare, riskGate, type Exposure, type GateState } from "./index.ts";

const M = 1_000_000;
const risk = RiskConfig.parse({});
const usdFee = { rate: 0.07, exponent: 1, takerOnly: true };
/** $10,000 of floor capital, an agent with $1,000 and nothing open: the caps are $200 a trade, $1,000 an agent, $4,000 the floor, $2,000 a market, $3,000 an underlying. */
const x: Exposure = {
  floorCapital: 10_000 * M, allocated: 1_000 * M, agentCash: 1_000 * M, agentOpenCost: 0, floorOpenCost: 0, marketOpenCost: 0, underlyingOpenCost: 0,
  symbol: "BTCUSD", heldShares: 0, minSize: 5 * M, spotAgeMs: 500, bookAgeMs: 0, dataLimitMs: 10_000,
};
const s: GateState = { floor: { mode: "active" }, agent: { mode: "active" }, orderTokens: 60, cancelTokens: 120 };
const buy = (price: number, n: number, more: object = {}) => ({ side: "BUY" as const, type: "FAK" as const, price, size: n * M, belief: 0.55, ...more });
const sell = (n: number) => ({ side: "SELL" as const, type: "FAK" as const, price: 500_000, size: n * M, belief: 0.5 });

describe("riskGate: the size caps, resized to fit", () => {
  it("approves a buy within every cap as asked", () => {
    expect(riskGate(buy(500_000, 100), x, risk, s)).toEqual({ approved: true });
  });
  it("resizes a buy over 2% of floor capital to the cap: 401 shares at 0.50 ($200.50) become 400 ($200.00)", () => {
    expect(riskGate(buy(500_000, 401), x, risk, s)).toEqual({
      approved: true, resize: { size: 400 * M, reason: "resized from 401.00 to 400.00 shares: order cost $200.50 exceeds the per-trade cap $200.00" },
    });
  });
  it("counts a buy's pUSD fee in its cost, and no fee paid in shares", () => {
    // polymarket.md §3.5 / research §4.4: fee = shares × 0.07 × p(1−p); 100 shares at 0.50 pay $1.75.
    expect(buyCost(500_000, 100 * M, usdFee)).toBe(51_750_000);
    expect(buyCost(500_000, 100 * M, { ...usdFee, currency: "shares" })).toBe(50 * M);
    expect(buyCost(500_000, 100 * M, undefined)).toBe(50 * M);
    // 390 shares at 0.50 are $195.00, within the $200 cap; with the fee of $6.825 ($201.825, shown as $201.82) they are not: 386.47 shares fit ($199.9981).
    expect(riskGate(buy(500_000, 390), x, risk, s)).toEqual({ approved: true });
    expect(riskGate(buy(500_000, 390), { ...x, fee: usdFee }, risk, s)).toMatchObject({ approved: true, resize: { size: 386_470_000, reason: expect.stringMatching(/: order cost \$201\.82 exceeds the per-trade cap \$200\.00$/) } });
    expect(buyCost(500_000, 386_470_000, usdFee)).toBeLessThanOrEqual(200 * M);
    expect(buyCost(500_000, 386_480_000, usdFee)).toBeGreaterThan(200 * M);
    expect(riskGate(buy(500_000, 390), { ...x, fee: { ...usdFee, currency: "shares" } }, risk, s)).toEqual({ approved: true });
  });
  it("fits what the agent can pay for, and refuses below the market's minimum size", () => {
    expect(riskGate(buy(500_000, 100), { ...x, agentCash: 10 * M }, risk, s)).toEqual({
      approved: true, resize: { size: 20 * M, reason: "resized from 100.00 to 20.00 shares: order cost $50.00 exceeds the agent's cash $10.00" },
    });
    expect(riskGate(buy(500_000, 100), { ...x, agentCash: 2 * M }, risk, s)).toEqual({ approved: false, reason: "order cost $50.00 exceeds the agent's cash $2.00" });
  });
  it("caps the agent's deployment at 10% and the floor's open positions at 40% of capital", () => {
    expect(riskGate(buy(500_000, 100), { ...x, agentOpenCost: 990 * M }, risk, s)).toMatchObject({ approved: true, resize: { size: 20 * M, reason: expect.stringMatching(/agent would have \$1040\.00 deployed, over its cap \$1000\.00/) } });
    expect(riskGate(buy(500_000, 100), { ...x, floorOpenCost: 3_999 * M }, risk, s)).toEqual({ approved: false, reason: "floor would have $4049.00 in open positions, over its cap $4000.00" });
  });
  it("counts Up and Down of one window together, and the windows of one underlying together", () => {
    expect(riskGate(buy(500_000, 100), { ...x, marketOpenCost: 1_970 * M }, risk, s)).toMatchObject({ resize: { size: 60 * M, reason: expect.stringMatching(/market would have \$2020\.00 open \(Up and Down together\), over its cap \$2000\.00/) } });
    expect(riskGate(buy(500_000, 100), { ...x, underlyingOpenCost: 2_998 * M }, risk, s)).toEqual({ approved: false, reason: "BTCUSD windows would have $3048.00 open together, over their cap $3000.00" });
  });
});

describe("riskGate: the refusing checks", () => {
  it("refuses new positions on stale or missing market data, but lets sells out", () => {
    expect(riskGate(buy(500_000, 10), { ...x, bookAgeMs: 10_001 }, risk, s)).toEqual({ approved: false, reason: "stale market data: book 10.0 s old (limit 10.0 s)" });
    expect(riskGate(buy(500_000, 10), { ...x, spotAgeMs: Infinity }, risk, s)).toMatchObject({ approved: false, reason: expect.stringMatching(/spot never seen/) });
    expect(riskGate(sell(10), { ...x, bookAgeMs: 60_000 }, risk, s).approved).toBe(true);
  });
  it("refuses an implausible edge: belief 0.85 at 0.50 with the fee is 33.25 points, over 30", () => {
    expect(costPerShare(500_000, 100 * M, usdFee)).toBeCloseTo(0.5175, 12);
    expect(riskGate(buy(500_000, 100, { belief: 0.85 }), { ...x, fee: usdFee }, risk, s)).toEqual({
      approved: false, reason: "implausible edge: belief 0.8500 against 0.5175 a share after the fee is 33.3 points (limit 30.0)",
    });
    expect(riskGate(buy(500_000, 100, { belief: 0.8 }), { ...x, fee: usdFee }, risk, s).approved).toBe(true);
    // A post-only bid never pays the taker fee: 0.80 against 0.50 is 30 points, not over.
    expect(riskGate(buy(500_000, 100, { belief: 0.8, type: "GTC", postOnly: true }), { ...x, fee: usdFee }, risk, s).approved).toBe(true);
  });
  it("rejects agents without capital and lets sells through while active", () => {
    expect(riskGate(buy(500_000, 1), { ...x, allocated: 0 }, risk, s)).toEqual({ approved: false, reason: "agent has no capital allocated" });
    expect(riskGate(sell(10_000), x, risk, s)).toEqual({ approved: true });
  });
  it("while the floor or the agent is reducing or halted, passes only sells of shares held", () => {
    const halted: GateState = { ...s, floor: { mode: "halted", reason: "daily loss" } };
    expect(riskGate(buy(500_000, 10), x, risk, halted)).toEqual({ approved: false, reason: "floor halted (daily loss): only sells of shares held pass" });
    expect(riskGate(sell(10), { ...x, heldShares: 10 * M }, risk, halted)).toEqual({ approved: true });
    expect(riskGate(sell(11), { ...x, heldShares: 10 * M }, risk, halted).approved).toBe(false);
    expect(riskGate(buy(500_000, 10), x, risk, { ...s, agent: { mode: "reducing" } })).toEqual({ approved: false, reason: "agent reducing: only sells of shares held pass" });
  });
  it("holds the venue's order bucket for every order and its cancel bucket for resting ones", () => {
    expect(riskGate(sell(10), x, risk, { ...s, orderTokens: 0.99 })).toEqual({ approved: false, reason: "venue order rate: the signer's bucket is empty (standard: 40/s, burst 60)" });
    const noCancels = { ...s, cancelTokens: 0.5 };
    expect(riskGate(buy(500_000, 10), x, risk, noCancels).approved).toBe(true);
    expect(riskGate(buy(500_000, 10, { type: "GTC" }), x, risk, noCancels)).toMatchObject({ approved: false, reason: expect.stringMatching(/^venue cancel rate: .*80\/s, burst 120/) });
  });
});

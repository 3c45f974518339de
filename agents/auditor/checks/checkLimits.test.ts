import { describe, expect, it } from "vitest";
import { RiskConfig } from "../../../protocols/index.ts";
import { checkLimits, type LimitFigures } from "./checkLimits.ts";

const M = 1_000_000;
const risk = RiskConfig.parse({}); // 2% per trade, 10% per agent, 40% floor, 20% market, 30% underlying
const none = { agent: 0, floor: 0, market: 0, underlying: 0 };
// $10,000 of capital: caps $200 per trade, $1,000 per agent, $4,000 floor, $2,000 market, $3,000 underlying.
const base: LimitFigures = { floorCapital: 10_000 * M, allocated: 1_000 * M, cash: 1_000 * M, open: none, working: none };

describe("checkLimits", () => {
  it("passes a buy that costs exactly the per-trade cap, and any sell of an agent with capital", () => {
    expect(checkLimits("BUY", 200 * M, base, risk)).toBeUndefined();
    expect(checkLimits("SELL", 0, { ...base, open: { agent: 5_000 * M, floor: 9_000 * M, market: 9_000 * M, underlying: 9_000 * M } }, risk)).toBeUndefined();
  });
  it("names the per-trade cap one micro-dollar over it", () => {
    expect(checkLimits("BUY", 200 * M + 1, base, risk)).toEqual({ rule: "limit.perTrade", allowed: 200 * M, actual: 200 * M + 1, reason: "order cost 200000001 over the limit 200000000" });
  });
  it("counts what is open and what is working against the agent's cap: 700 + 150 + 151 > 1000", () => {
    const f = { ...base, open: { ...none, agent: 700 * M }, working: { ...none, agent: 150 * M } };
    expect(checkLimits("BUY", 150 * M, f, risk)).toBeUndefined();
    expect(checkLimits("BUY", 151 * M, f, risk)).toMatchObject({ rule: "limit.perAgent", allowed: 1_000 * M, actual: 1_001 * M });
  });
  it("holds a buy to the agent's cash less its working buys: 300 − 120 = 180 free", () => {
    const f = { ...base, cash: 300 * M, working: { ...none, agent: 120 * M } };
    expect(checkLimits("BUY", 180 * M, f, risk)).toBeUndefined();
    expect(checkLimits("BUY", 181 * M, f, risk)).toMatchObject({ rule: "limit.agentCash", allowed: 180 * M, actual: 181 * M });
  });
  it("names the floor, market and underlying caps with every agent's open and working cost", () => {
    expect(checkLimits("BUY", 100 * M, { ...base, open: { ...none, floor: 3_850 * M }, working: { ...none, floor: 100 * M } }, risk)).toMatchObject({ rule: "limit.floorOpen", allowed: 4_000 * M, actual: 4_050 * M });
    expect(checkLimits("BUY", 100 * M, { ...base, open: { ...none, market: 1_950 * M } }, risk)).toMatchObject({ rule: "limit.perMarket", allowed: 2_000 * M, actual: 2_050 * M });
    expect(checkLimits("BUY", 100 * M, { ...base, working: { ...none, underlying: 2_901 * M } }, risk)).toMatchObject({ rule: "limit.perUnderlying", allowed: 3_000 * M, actual: 3_001 * M });
  });
  it("flags any approval, a sell's too, for an agent with no capital allocated", () => {
    expect(checkLimits("SELL", 0, { ...base, allocated: 0 }, risk)).toMatchObject({ rule: "limit.capital", actual: 0 });
  });
  it("rounds a fractional cap down, as a micro-unit cap must: 2% of $10.00005 is 200001 micro", () => {
    expect(checkLimits("BUY", 200_002, { ...base, floorCapital: 10_000_050 }, risk)).toMatchObject({ rule: "limit.perTrade", allowed: 200_001 });
  });
});

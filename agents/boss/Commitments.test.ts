import { describe, expect, it } from "vitest";
import { Commitments } from "./Commitments.ts";

const M = 1_000_000;
const fee = { rate: 0.07, exponent: 1, takerOnly: true };
const bid = (agentId: string, marketId: string, symbol: string, shares: number) => ({ agentId, marketId, symbol, price: 500_000, remaining: shares * M, fee });

describe("Commitments: approved buys still working", () => {
  it("holds each buy's cost (100 shares at 0.50 with the pUSD fee: $51.75) until it fills, is cancelled or its market resolves", () => {
    const c = new Commitments();
    c.approved("a", bid("t1", "m1", "BTCUSD", 100));
    c.approved("b", bid("t2", "m1", "BTCUSD", 100));
    c.approved("c", bid("t2", "e1", "ETHUSD", 100));
    expect(c.of("t1", "m1", "BTCUSD")).toEqual({ agent: 51_750_000, floor: 155_250_000, market: 103_500_000, underlying: 103_500_000 });
    c.filled("a", 60 * M); // 40 shares left: $20.70
    expect(c.of("t1", "m1", "BTCUSD").agent).toBe(20_700_000);
    c.filled("a", 40 * M);
    c.done("c");
    expect(c.of("t1", "m1", "BTCUSD")).toEqual({ agent: 0, floor: 51_750_000, market: 51_750_000, underlying: 51_750_000 });
    c.marketOver("m1");
    expect(c.of("t2", "m1", "BTCUSD").floor).toBe(0);
  });
  it("saves and restores", () => {
    const c = new Commitments();
    c.approved("a", bid("t1", "m1", "BTCUSD", 100));
    const copy = new Commitments();
    copy.load(c.save());
    c.done("a");
    expect(copy.of("t1", "m1", "BTCUSD").agent).toBe(51_750_000);
  });
});

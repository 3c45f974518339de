import { describe, expect, it } from "vitest";
import type { OrderEvent } from "../../protocols/index.ts";
import { EMPTY_SCORE, score } from "./score.ts";

const env = { v: 1 as const, id: "x", ts: 0, src: "exchange", agentId: "t1", intentId: "i1" };
const fill: OrderEvent = { ...env, type: "fill", orderId: "o", fillId: "f", marketId: "m", tokenId: "1", outcome: "Up", side: "BUY", price: 500_000, size: 10_000_000, feeShares: 175_000, feeUsd: 0, cashDelta: -5_000_000, sharesDelta: 9_825_000 };
const settle = (pnl: number): OrderEvent => ({ ...env, type: "settle", marketId: "m", winner: "Up", upShares: 1, downShares: 0, payout: 0, pnl });

describe("score", () => {
  it("counts fills and values share fees at the fill price", () => {
    expect(score(EMPTY_SCORE, fill)).toMatchObject({ fills: 1, feesUsd: 87_500 });
  });
  it("adds a pUSD fee as it is, whichever the side", () => {
    const usdBuy: OrderEvent = { ...fill, feeShares: 0, feeUsd: 175_000, cashDelta: -5_175_000, sharesDelta: 10_000_000 };
    expect([usdBuy, { ...usdBuy, side: "SELL" as const, cashDelta: 4_825_000, sharesDelta: -10_000_000 }].reduce(score, EMPTY_SCORE)).toMatchObject({ fills: 2, feesUsd: 350_000 });
  });
  it("adds realized PnL and wins/losses from settlements", () => {
    const s = [settle(4_000_000), settle(-5_000_000), settle(0)].reduce(score, EMPTY_SCORE);
    expect(s).toMatchObject({ settled: 3, wins: 1, losses: 2, realizedPnl: -1_000_000 });
  });
});

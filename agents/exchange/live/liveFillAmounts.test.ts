import { expect, it } from "vitest";
import { liveFillAmounts, tickSizeText } from "./liveFillAmounts.ts";

const fee = { rate: 0.07, exponent: 1, takerOnly: true, rebateRate: 0.2 };

it("a taker buy of 100 shares at 0.50 pays the published fee of $1.75 in pUSD and keeps every share (the current docs)", () => {
  expect(liveFillAmounts("BUY", 500_000, 100_000_000, "taker", fee)).toEqual({ feeShares: 0, feeUsd: 1_750_000, rebate: 0, cashDelta: -51_750_000, sharesDelta: 100_000_000 });
});

it("under the shares reading (py-clob-client#247) the trade's size arrives less the fee in shares", () => {
  expect(liveFillAmounts("BUY", 500_000, 100_000_000, "taker", { ...fee, currency: "shares" })).toEqual({ feeShares: 1_750_000, feeUsd: 0, rebate: 0, cashDelta: -50_000_000, sharesDelta: 98_250_000 });
});

it("a taker accrues its taker rebate when the schedule has one", () => {
  expect(liveFillAmounts("SELL", 500_000, 100_000_000, "taker", { ...fee, takerRebateRate: 0.03 }).rebate).toBe(52_500);
});

it("a taker sell pays its fee in USD out of the proceeds", () => {
  expect(liveFillAmounts("SELL", 500_000, 100_000_000, "taker", fee)).toEqual({ feeShares: 0, feeUsd: 1_750_000, rebate: 0, cashDelta: 48_250_000, sharesDelta: -100_000_000 });
});

it("a maker pays no fee and accrues the rebate share of the taker's fee", () => {
  expect(liveFillAmounts("BUY", 500_000, 100_000_000, "maker", fee)).toEqual({ feeShares: 0, feeUsd: 0, rebate: 350_000, cashDelta: -50_000_000, sharesDelta: 100_000_000 });
  expect(liveFillAmounts("SELL", 500_000, 100_000_000, "maker", { ...fee, rebateRate: undefined }).rebate).toBe(0);
});

it("maps ticks in micro-units to the client's tick-size strings, and refuses others", () => {
  expect(tickSizeText(10_000)).toBe("0.01");
  expect(tickSizeText(1_000)).toBe("0.001");
  expect(tickSizeText(2_500)).toBe("0.0025");
  expect(tickSizeText(100)).toBe("0.0001");
  expect(tickSizeText(20_000)).toBeUndefined();
});

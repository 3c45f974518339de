import { describe, expect, it } from "vitest";
import { bookFill } from "./bookFill.ts";

const M = 1_000_000;

describe("bookFill", () => {
  const usd = { rate: 0.07, exponent: 1, takerOnly: true, currency: "usd" as const };
  const shares = { ...usd, currency: "shares" as const };
  it("pUSD fees: a buy pays notional + fee in cash and receives every share", () => {
    expect(bookFill("BUY", 500_000, 100 * M, usd)).toEqual({ feeShares: 0, feeUsd: 1_750_000, rebate: 0, cashDelta: -51_750_000, sharesDelta: 100 * M });
  });
  it("pUSD fees: a sell receives notional − fee", () => {
    expect(bookFill("SELL", 500_000, 100 * M, usd)).toEqual({ feeShares: 0, feeUsd: 1_750_000, rebate: 0, cashDelta: 48_250_000, sharesDelta: -100 * M });
  });
  it("a schedule without a currency books as pUSD", () => {
    expect(bookFill("BUY", 500_000, 100 * M, { rate: 0.07, exponent: 1, takerOnly: true })).toEqual(bookFill("BUY", 500_000, 100 * M, usd));
  });
  it("share fees: a buy pays its notional in cash and its fee in shares; a sell pays in cash", () => {
    expect(bookFill("BUY", 500_000, 100 * M, shares)).toEqual({ feeShares: 1_750_000, feeUsd: 0, rebate: 0, cashDelta: -50 * M, sharesDelta: 98_250_000 });
    expect(bookFill("SELL", 500_000, 100 * M, shares)).toEqual({ feeShares: 0, feeUsd: 1_750_000, rebate: 0, cashDelta: 48_250_000, sharesDelta: -100 * M });
  });
  it("accrues a taker rebate on the fee's USD value, outside cash", () => {
    expect(bookFill("BUY", 500_000, 100 * M, { ...usd, takerRebateRate: 0.1 })).toMatchObject({ rebate: 175_000, cashDelta: -51_750_000 });
    // a fee of 1.75 shares at 0.50 is worth $0.875
    expect(bookFill("BUY", 500_000, 100 * M, { ...shares, takerRebateRate: 0.1 })).toMatchObject({ rebate: 87_500, cashDelta: -50 * M });
  });
});

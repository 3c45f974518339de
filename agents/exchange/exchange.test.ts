import { describe, expect, it } from "vitest";
import { bookFill } from "./bookFill.ts";

const M = 1_000_000;

describe("bookFill", () => {
  const fee = { rate: 0.07, exponent: 1, takerOnly: true };
  it("charges a buy in shares and its notional in cash", () => {
    expect(bookFill("BUY", 500_000, 100 * M, fee)).toEqual({ feeShares: 1_750_000, feeUsd: 0, cashDelta: -50 * M, sharesDelta: 98_250_000 });
  });
  it("charges a sell in cash", () => {
    expect(bookFill("SELL", 500_000, 100 * M, fee)).toEqual({ feeShares: 0, feeUsd: 1_750_000, cashDelta: 48_250_000, sharesDelta: -100 * M });
  });
});

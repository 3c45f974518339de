import { describe, expect, it } from "vitest";
import { feeSchedulesOf } from "./feeSchedulesOf.ts";

const V2 = { rate: 0.07, exponent: 1, takerOnly: true, rebateRate: 0.2 };

describe("feeSchedulesOf", () => {
  it("groups markets by schedule and source, data first, with currency and rebates spelled out", () => {
    const markets = [
      { fee: { rate: 0, exponent: 1, takerOnly: true }, feeSource: "assumed" as const, feeNote: "no fees before 2026-01-05" },
      { fee: V2, feeSource: "data" as const, feeNote: "recorded" },
      { fee: V2, feeSource: "data" as const, feeNote: "recorded" },
      { fee: { ...V2, currency: "shares" as const }, feeSource: "data" as const, feeNote: "recorded" },
    ];
    expect(feeSchedulesOf(markets)).toEqual([
      { source: "data", rate: 0.07, exponent: 1, currency: "usd", makerRebate: 0.2, takerRebate: 0, markets: 2, note: "recorded" },
      { source: "data", rate: 0.07, exponent: 1, currency: "shares", makerRebate: 0.2, takerRebate: 0, markets: 1, note: "recorded" },
      { source: "assumed", rate: 0, exponent: 1, currency: "usd", makerRebate: 0, takerRebate: 0, markets: 1, note: "no fees before 2026-01-05" },
    ]);
    expect(feeSchedulesOf([])).toEqual([]);
  });
});

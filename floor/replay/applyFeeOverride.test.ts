import { describe, expect, it } from "vitest";
import { applyFeeOverride, describeFeeOverride } from "./applyFeeOverride.ts";
import type { PlannedMarket, ReplayPlan } from "./planReplay.ts";

const market = (marketId: string, over: Partial<PlannedMarket>): PlannedMarket => ({
  marketId, slug: marketId, upTokenId: "1", downTokenId: "2", startTs: 0, endTs: 900_000, tickSize: 0.01, minSize: 5,
  fee: { rate: 0, exponent: 1, takerOnly: true }, feeSource: "assumed", feeNote: "no fees before 2026-01-05",
  strike: 95_000, endPrice: 95_100, outcome: "Up", outcomeSource: "derived-spot", ...over,
});
const plan: ReplayPlan = {
  dataset: {
    source: "d", format: "polyfloor", spotSource: "s", markets: [], upPrices: new Map(), maxSpotAgeMs: 1_000,
    spot: { symbol: "BTCUSD", kind: "ticks", ts: new Float64Array(), price: new Float64Array() },
  },
  markets: [market("a", {}), market("b", { fee: { rate: 0.07, exponent: 1, takerOnly: true, currency: "usd", rebateRate: 0.2 }, feeSource: "data", feeNote: "recorded" })],
  skipped: [],
  start: 0,
  end: 900_000,
};
const V2 = { rate: 0.07, exponent: 1, takerOnly: true, currency: "usd" as const };

describe("applyFeeOverride", () => {
  it("replaces every market's schedule with the what-if and says so", () => {
    const p = applyFeeOverride(plan, { schedule: V2 });
    expect(p.markets.map((m) => [m.fee, m.feeSource])).toEqual([[V2, "override"], [V2, "override"]]);
    expect(p.feeOverride).toBe("--fees 0.07,1 in usd");
    expect(p.markets[0]!.feeNote).toBe("what-if --fees 0.07,1 in usd");
    expect(plan.markets[0]!.feeSource).toBe("assumed"); // the plan given is left as it was
  });
  it("sets rebates on the what-if, or on each market's own schedule", () => {
    expect(applyFeeOverride(plan, { schedule: V2, rebateRate: 0.2, takerRebateRate: 0.03 }).markets[0]!.fee).toEqual({ ...V2, rebateRate: 0.2, takerRebateRate: 0.03 });
    const p = applyFeeOverride(plan, { rebateRate: 0.5 });
    expect(p.markets.map((m) => m.fee)).toEqual([{ rate: 0, exponent: 1, takerOnly: true, rebateRate: 0.5 }, { ...V2, rebateRate: 0.5 }]);
    expect(p.markets.map((m) => m.feeNote)).toEqual(["what-if maker rebate 50% on the schedule assumed by era", "what-if maker rebate 50% on the schedule from the data"]);
  });
  it("is the plan itself when nothing is overridden", () => {
    expect(applyFeeOverride(plan, {})).toBe(plan);
    expect(describeFeeOverride({ schedule: { ...V2, currency: "shares" }, takerRebateRate: 0.035 })).toBe("--fees 0.07,1 in shares; taker rebate 3.5%");
  });
});

import { describe, expect, it } from "vitest";
import { trackRecord } from "./trackRecord.ts";

const usd = (x: number) => x * 1_000_000;

describe("trackRecord", () => {
  it("gives each window's P&L over its cost, and the equity's worst fall from its peak", () => {
    // $1,000 of capital: +$50 on $100, −$100 on $100, a round trip that cost nothing (+$5), −$55 on $110.
    const r = trackRecord([{ pnl: usd(50), cost: usd(100) }, { pnl: usd(-100), cost: usd(100) }, { pnl: usd(5), cost: 0 }, { pnl: usd(-55), cost: usd(110) }], usd(1000));
    expect(r.returns).toEqual([0.5, -1, -0.5]);
    // Equity 1000, 1050, 950, 955, 900: the worst is 150 below the 1,050 peak.
    expect(r.drawdown).toBeCloseTo(150 / 1050, 12);
  });
  it("is empty with no settlement, and a wiped-out account is a drawdown of 1", () => {
    expect(trackRecord([], usd(1000))).toEqual({ returns: [], drawdown: 0 });
    expect(trackRecord([{ pnl: usd(-1500), cost: usd(1500) }], usd(1000)).drawdown).toBe(1);
  });
});

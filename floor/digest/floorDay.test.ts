import { describe, expect, it } from "vitest";
import type { TradeRow } from "./DigestDay.ts";
import { floorDay } from "./floorDay.ts";

const FROM = Date.UTC(2026, 0, 2);
const TO = FROM + 86_400_000;
const settle = (ts: number, agentId: string, marketId: string, pnl: number): TradeRow => ({ ts, agentId, marketId, winner: "Up", upShares: 0, downShares: 0, cost: 1, payout: 0, pnl });
const base = { date: "2026-01-02", from: FROM, to: TO, deposits: [], fills: 3, fees: 120_000, feeShares: 0 };

describe("floorDay", () => {
  it("sums the day's PnL and bootstraps it over whole windows", () => {
    // Window m1: +3 and -1 (together +2); window m2: -4. Resampling two windows, the sum is 2 × a mean of
    // {+2, +2}, {+2, −4} or {−4, −4}: +4, −2 or −8 USD, the extremes a quarter of the draws each.
    const d = floorDay({ ...base, equityBefore: 100_000_000, settlements: [settle(FROM + 100, "a", "m1", 3_000_000), settle(FROM + 100, "b", "m1", -1_000_000), settle(FROM + 200, "a", "m2", -4_000_000)] });
    expect(d.floor).toMatchObject({ pnl: -2_000_000, settlements: 3, windows: 2, equityStart: 100_000_000, equityEnd: 98_000_000, fills: 3, fees: 120_000 });
    expect(d.floor.ci).toMatchObject({ lo: -8_000_000, hi: 4_000_000, level: 0.95, resamples: 2000 });
    // Equity steps at each settlement time (the two at +100 ms as one point) and holds to the day's end.
    expect(d.equity).toEqual([{ ts: FROM, equity: 100_000_000 }, { ts: FROM + 100, equity: 102_000_000 }, { ts: FROM + 200, equity: 98_000_000 }, { ts: TO, equity: 98_000_000 }]);
    expect(d.floor.drawdown).toEqual({ max: 4 / 102, maxAt: FROM + 200, longestMs: TO - (FROM + 100) });
    expect(d.drawdown.map((p) => p.equity)).toEqual([0, 0, 4 / 102, 4 / 102]);
  });

  it("starts the curve at the first deposit of a floor born that day", () => {
    const d = floorDay({ ...base, equityBefore: 0, deposits: [{ ts: FROM, amount: 10_000_000_000 }], settlements: [settle(FROM + 50, "a", "m1", 1_000_000)] });
    expect(d.equity).toEqual([{ ts: FROM, equity: 10_000_000_000 }, { ts: FROM + 50, equity: 10_001_000_000 }, { ts: TO, equity: 10_001_000_000 }]);
    expect(d.floor.drawdown).toEqual({ max: 0, maxAt: null, longestMs: 0 });
    // One window: an interval one window cannot narrow.
    expect(d.floor.ci).toMatchObject({ lo: -Infinity, hi: Infinity });
  });

  it("has no interval, no curve and no drawdown for a floor with nothing deposited and nothing settled", () => {
    const d = floorDay({ ...base, equityBefore: 0, settlements: [] });
    expect(d.floor).toMatchObject({ pnl: 0, windows: 0, ci: null, drawdown: null });
    expect(d.equity).toEqual([]);
    expect(d.drawdown).toEqual([]);
  });
});

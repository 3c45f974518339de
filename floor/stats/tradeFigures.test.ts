import { describe, expect, it } from "vitest";
import { psr } from "./psr.ts";
import { tradeFigures, type ClosedTrade } from "./tradeFigures.ts";

/** Trades costing 1 USD each whose returns are `rs` (P&L in micro-USD = r × 1e6). */
const unitTrades = (rs: number[]): ClosedTrade[] => rs.map((r, ts) => ({ ts, pnl: Math.round(r * 1_000_000), cost: 1_000_000 }));

describe("tradeFigures", () => {
  it("reproduces Rollinger & Hoffman's Sortino example (Red Rock Capital): returns 17, 15, 23, −5, 12, 9, 13, −4 % → 4.417", () => {
    // Mean 10%; target downside deviation √((0.05² + 0.04²) / 8) = 2.264%.
    const f = tradeFigures(unitTrades([0.17, 0.15, 0.23, -0.05, 0.12, 0.09, 0.13, -0.04]));
    expect(f.sortino).toBeCloseTo(4.417, 3);
  });

  it("counts wins, losses, averages and the profit factor by hand", () => {
    // P&L +3, −1, +1, −2, 0 USD on costs 10, 10, 5, 4, 1.
    const trades: ClosedTrade[] = [
      { ts: 1, pnl: 3_000_000, cost: 10_000_000 },
      { ts: 2, pnl: -1_000_000, cost: 10_000_000 },
      { ts: 3, pnl: 1_000_000, cost: 5_000_000 },
      { ts: 4, pnl: -2_000_000, cost: 4_000_000 },
      { ts: 5, pnl: 0, cost: 1_000_000 },
    ];
    const f = tradeFigures(trades);
    expect(f).toMatchObject({ trades: 5, wins: 2, losses: 3, winRate: 0.4, avgWin: 2_000_000, avgLoss: -1_000_000, grossProfit: 4_000_000, grossLoss: -3_000_000, pnl: 1_000_000, turnover: 30_000_000 });
    expect(f.profitFactor).toBeCloseTo(4 / 3, 12);
    // Returns 0.3, −0.1, 0.2, −0.5, 0: mean −0.02, squared deviations 0.1024 + 0.0064 + 0.0484 + 0.2304 + 0.0004 = 0.388, sample sd √(0.388 / 4) = 0.311448.
    expect(f.sharpe).toBeCloseTo(-0.02 / Math.sqrt(0.097), 10);
    // Downside √((0.01 + 0.25) / 5) = 0.228035.
    expect(f.sortino).toBeCloseTo(-0.02 / Math.sqrt(0.052), 10);
    expect(f.psr).toBeLessThan(0.5);
  });

  it("takes PSR from the record's own moments (the same as psr on them)", () => {
    const rs = [0.1, -0.05, 0.2, 0.02, -0.1, 0.15, 0.05, -0.02];
    const f = tradeFigures(unitTrades(rs));
    const n = rs.length;
    const mean = rs.reduce((a, b) => a + b, 0) / n;
    const m = (k: number) => rs.reduce((a, r) => a + (r - mean) ** k, 0) / n;
    const sr = mean / Math.sqrt((m(2) * n) / (n - 1));
    expect(f.psr).toBeCloseTo(psr(sr, 0, n, m(3) / m(2) ** 1.5, m(4) / m(2) ** 2), 12);
  });

  it("leaves out of the returns a window that cost nothing, but counts its P&L", () => {
    const f = tradeFigures([{ ts: 1, pnl: 500_000, cost: 0 }, ...unitTrades([0.1, -0.1])]);
    expect(f.trades).toBe(3);
    expect(f.pnl).toBe(500_000);
    expect(f.sharpe).toBeCloseTo(0, 12);
  });

  it("says null where a record cannot tell: no trade, one return, no spread, no loss", () => {
    expect(tradeFigures([])).toMatchObject({ trades: 0, winRate: null, avgWin: null, avgLoss: null, profitFactor: null, sharpe: null, sortino: null, psr: null, pnl: 0 });
    expect(tradeFigures(unitTrades([0.2]))).toMatchObject({ sharpe: null, sortino: null, psr: null, profitFactor: null, winRate: 1 });
    expect(tradeFigures(unitTrades([0.2, 0.2]))).toMatchObject({ sharpe: null, psr: null, sortino: null });
  });

  it("counts a window sold back for more than it paid (net cost below 0) in the P&L, not in the returns or the turnover", () => {
    // A market maker's window: bought for 4, sold for 5, nothing held at settlement: net cost −1, P&L +1.
    const f = tradeFigures([{ ts: 1, pnl: 1_000_000, cost: -1_000_000 }, ...unitTrades([0.1, -0.1])]);
    expect(f).toMatchObject({ trades: 3, wins: 2, pnl: 1_000_000, turnover: 2_000_000 });
    expect(f.sharpe).toBeCloseTo(0, 12);
  });

  it("refuses money that is not micro-USD integers", () => {
    expect(() => tradeFigures([{ ts: 1, pnl: 0.5, cost: 1 }])).toThrow(RangeError);
    expect(() => tradeFigures([{ ts: 1, pnl: 1, cost: 1.5 }])).toThrow(RangeError);
  });
});

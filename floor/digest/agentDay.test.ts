import { describe, expect, it } from "vitest";
import type { TradeRow } from "./DigestDay.ts";
import { agentDay, type AgentDayInput } from "./agentDay.ts";

const FROM = Date.UTC(2026, 0, 2);
const settle = (ts: number, marketId: string, cost: number, pnl: number): TradeRow => ({ ts, agentId: "a", marketId, winner: "Up", upShares: 0, downShares: 0, cost, payout: cost + pnl, pnl });
const input = (over: Partial<AgentDayInput> = {}): AgentDayInput => ({
  date: "2026-01-02",
  from: FROM,
  agent: { agentId: "a", strategy: "momentum", parentId: null, bornTs: 0, diedTs: null },
  settlements: [settle(FROM + 1, "m1", 10_000_000, 5_000_000), settle(FROM + 2, "m2", 10_000_000, -10_000_000), settle(FROM + 3, "m3", 20_000_000, 2_000_000)],
  fills: { count: 7, fees: 300_000, feeShares: 0 },
  equityBase: 100_000_000,
  forecasts: [],
  ...over,
});

describe("agentDay", () => {
  it("takes the trade figures of its settled windows and its fills' fees", () => {
    const d = agentDay(input());
    expect(d.figures).toMatchObject({ trades: 3, wins: 2, losses: 1, pnl: -3_000_000, turnover: 40_000_000, grossProfit: 7_000_000, grossLoss: -10_000_000 });
    expect(d.figures.profitFactor).toBeCloseTo(0.7, 12);
    expect(d).toMatchObject({ agentId: "a", strategy: "momentum", fills: 7, fees: 300_000 });
  });

  it("counts a window that returned more cash than it took as costing nothing (no return, no turnover)", () => {
    const d = agentDay(input({ settlements: [settle(FROM + 1, "m1", -29_500_000, 29_500_000), settle(FROM + 2, "m2", 10_000_000, -10_000_000)] }));
    expect(d.figures).toMatchObject({ trades: 2, wins: 1, turnover: 10_000_000, pnl: 19_500_000, sharpe: null });
  });

  it("measures drawdown on its base plus the day's cumulative PnL", () => {
    // 100 -> 105 -> 95 -> 97: the worst fall is 10 from the peak of 105.
    expect(agentDay(input()).maxDrawdown).toBeCloseTo(10 / 105, 12);
    expect(agentDay(input({ settlements: [] })).maxDrawdown).toBeNull();
    expect(agentDay(input({ equityBase: 0 })).maxDrawdown).toBeNull();
  });

  it("scores its beliefs beside the market's on the same windows", () => {
    // Agent 0.8 and 0.3 on windows that went Up and Down: Brier (0.04 + 0.09) / 2 = 0.065.
    // The market said 0.6 and 0.5 on them: (0.16 + 0.25) / 2 = 0.205; skill 0.14. A third belief has no market price.
    const forecasts = [
      { marketId: "m1", p: 0.8, marketP: 0.6, up: true },
      { marketId: "m2", p: 0.3, marketP: 0.5, up: false },
      { marketId: "m3", p: 0.5, marketP: null, up: true },
    ];
    const f = agentDay(input({ forecasts })).forecasts;
    expect(f.n).toBe(3);
    expect(f.brier).toBeCloseTo((0.04 + 0.09 + 0.25) / 3, 12);
    expect(f.paired).toBe(2);
    expect(f.brierMarket).toBeCloseTo(0.205, 12);
    expect(f.skill!.estimate).toBeCloseTo(0.14, 12);
  });

  it("says nothing it cannot: no trades, no figures; no beliefs, no score", () => {
    const d = agentDay(input({ settlements: [] }));
    expect(d.figures).toMatchObject({ trades: 0, winRate: null, sharpe: null, psr: null, profitFactor: null });
    expect(d.forecasts).toEqual({ n: 0, brier: null, paired: 0, brierMarket: null, skill: null });
  });
});

import { describe, expect, it } from "vitest";
import { riskLines } from "./formatRisk.ts";

const T0 = Date.UTC(2026, 0, 1, 12);

describe("riskLines", () => {
  it("names the floor's state, the day's figures and every breaker standing with its reason", () => {
    const lines = riskLines({
      floor: { mode: "halted", trips: [{ breaker: "dailyLoss", mode: "halted", reason: "daily loss: $1050.00 realised today", since: T0, until: Date.UTC(2026, 0, 2) }] },
      agents: { t1: { mode: "halted", trips: [{ breaker: "lossStreak", mode: "halted", reason: "5 losing settlements in a row", since: T0, until: T0 + 3_600_000 }] } },
      dayPnl: -1_050_000_000, equity: 8_950_000_000, highWater: 10_000_000_000,
    });
    expect(lines).toEqual([
      "risk         floor halted; realised today -$1,050.00, equity $8,950.00 (high-water $10,000.00)",
      "             floor halted by dailyLoss since 2026-01-01 12:00:00 until 2026-01-02 00:00:00: daily loss: $1050.00 realised today",
      "             t1 halted by lossStreak since 2026-01-01 12:00:00 until 2026-01-01 13:00:00: 5 losing settlements in a row",
    ]);
  });
  it("says so when no boss has written any", () => {
    expect(riskLines(null)).toEqual(["risk         no boss has run on this floor"]);
  });
});

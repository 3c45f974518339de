import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RiskConfig } from "../../../protocols/index.ts";
import { totals } from "./errorWindow.ts";
import { agentMode, breakers, floorMode, initialRisk, type RiskEvent } from "./index.ts";

const M = 1_000_000;
const T0 = Date.UTC(2026, 0, 1);
const risk = RiskConfig.parse({});

/** One step of a floor's life: floor time moves on by up to 6 hours, then something happens. */
const step = fc.tuple(
  fc.integer({ min: 0, max: 6 * 3_600_000 }),
  fc.oneof(
    { arbitrary: fc.record({ type: fc.constant("settled" as const), agentId: fc.constantFrom("t1", "t2"), pnl: fc.integer({ min: -600, max: 400 }).map((x) => x * M), alive: fc.constant(true) }), weight: 5 },
    { arbitrary: fc.record({ type: fc.constant("answered" as const), error: fc.boolean() }), weight: 3 },
    { arbitrary: fc.record({ type: fc.constant("spotMove" as const), symbol: fc.constant("BTCUSD"), move: fc.integer({ min: 0, max: 200 }).map((x) => x / 1000) }), weight: 1 },
    { arbitrary: fc.record({ type: fc.constant("tick" as const) }), weight: 3 },
  ),
);

describe("breakers over random sequences of settlements, exchange answers, spot moves and floor time", () => {
  it("never leaves the floor or an agent trading past a limit, nor holds a trip past its time", () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 120 }), (steps) => {
        let s = initialRisk(10_000 * M, T0, { orders: 60, cancels: 120 });
        s = breakers(s, { type: "born", agentId: "t1", now: T0 }, risk);
        s = breakers(s, { type: "born", agentId: "t2", now: T0 }, risk);
        let now = T0;
        for (const [dt, e] of steps) {
          now += dt;
          s = breakers(s, { ...e, now } as RiskEvent, risk);
          const floor = floorMode(s).mode;
          if (-s.dayPnl >= Math.round(s.dayOpenEquity * risk.dailyLossPct)) expect(floor).toBe("halted");
          if (s.highWater - s.equity >= Math.round(s.highWater * risk.drawdownPct)) expect(floor).toBe("halted");
          const { answered, errors } = totals(s.errors);
          if (answered >= risk.errorMinOrders && errors / answered > risk.errorRatePct) expect(floor).not.toBe("active");
          for (const id of ["t1", "t2"]) if (s.streaks[id]! >= risk.lossStreak) expect(agentMode(s, id).mode).toBe("halted");
          for (const t of [...Object.values(s.floorTrips), ...Object.values(s.agentTrips)]) if (t?.until != null) expect(t.until).toBeGreaterThan(now);
          expect(floor === "active").toBe(Object.keys(s.floorTrips).length === 0);
        }
      }),
      { numRuns: 2_000 },
    );
  });
});

import { describe, expect, it } from "vitest";
import { RiskConfig } from "../../../protocols/index.ts";
import { floorMode, initialRisk, riskControls, stepRisk, type BreakerChange, type RiskEvent, type RiskState } from "./index.ts";

const M = 1_000_000;
const H = 3_600_000;
const T0 = Date.UTC(2026, 0, 1); // 2026-01-01 00:00 UTC
const risk = RiskConfig.parse({});
const fresh = () => initialRisk(10_000 * M, T0, { orders: 60, cancels: 120 });

/** Play events in order; the book at the end and every change on the way. */
function play(s: RiskState, events: RiskEvent[]): { s: RiskState; changes: BreakerChange[] } {
  const changes: BreakerChange[] = [];
  for (const e of events) {
    const r = stepRisk(s, e, risk);
    s = r.state;
    changes.push(...r.changes);
  }
  return { s, changes };
}
const settle = (pnlUsd: number, now: number, agentId = "t1"): RiskEvent => ({ type: "settled", agentId, pnl: pnlUsd * M, alive: true, now });
const tick = (now: number): RiskEvent => ({ type: "tick", now });
const brief = (c: BreakerChange) => [c.action, c.scope, c.breaker, c.mode];

describe("daily loss: the floor halts until the next UTC day of floor time", () => {
  it("trips at $1,050 lost of a $10,000 day (limit $1,000), and resumes at midnight with the day's figures reset", () => {
    const { s, changes } = play(fresh(), [settle(-400, T0 + 10 * H), settle(-350, T0 + 11 * H), settle(-300, T0 + 12 * H)]);
    expect(floorMode(s).mode).toBe("halted");
    expect(changes).toEqual([expect.objectContaining({ action: "trip", scope: "floor", breaker: "dailyLoss", mode: "halted", since: T0 + 12 * H, until: T0 + 24 * H, numbers: { dayPnl: -1_050 * M, limit: 1_000 * M, dayOpenEquity: 10_000 * M } })]);
    expect(changes[0]!.reason).toBe("daily loss: $1050.00 realised today, the limit is $1000.00 (10.0% of the day's opening equity $10000.00); halted until 2026-01-02 00:00 UTC");
    const late = play(s, [tick(T0 + 24 * H - 1)]);
    expect([floorMode(late.s).mode, late.changes]).toEqual(["halted", []]);
    const next = play(s, [tick(T0 + 24 * H)]);
    expect(floorMode(next.s).mode).toBe("active");
    expect(next.changes.map(brief)).toEqual([["resume", "floor", "dailyLoss", "halted"]]);
    expect(next.s).toMatchObject({ day: 20_455, dayOpenEquity: 8_950 * M, dayPnl: 0, equity: 8_950 * M });
  });
  it("does not trip at $999 lost", () => {
    expect(floorMode(play(fresh(), [settle(-999, T0 + H)]).s).mode).toBe("active");
  });
});

describe("drawdown: 15% below the high-water mark halts the floor for a cooldown, then the mark resets", () => {
  it("trips when realised equity falls $1,900 from $12,000 (limit $1,800), resumes 24 h later with the mark at $10,100", () => {
    const days = [settle(2_000, T0 + H), settle(-1_000, T0 + 25 * H), settle(-900, T0 + 49 * H)];
    const { s, changes } = play(fresh(), days);
    expect(changes.map(brief)).toEqual([["trip", "floor", "drawdown", "halted"]]);
    expect(changes[0]).toMatchObject({ until: T0 + 73 * H, numbers: { equity: 10_100 * M, highWater: 12_000 * M, drawdown: 1_900 * M, limitPct: 0.15 } });
    expect(floorMode(play(s, [tick(T0 + 73 * H - 1)]).s).mode).toBe("halted");
    const after = play(s, [tick(T0 + 73 * H)]);
    expect(after.changes).toEqual([expect.objectContaining({ action: "resume", breaker: "drawdown", numbers: { equity: 10_100 * M, highWater: 10_100 * M } })]);
    expect(after.s.highWater).toBe(10_100 * M);
    // From the new mark, $1,500 more lost over three days (none a 10% day) is 14.9%: still trading.
    expect(floorMode(play(after.s, [settle(-500, T0 + 74 * H), settle(-500, T0 + 98 * H), settle(-500, T0 + 122 * H)]).s).mode).toBe("active");
  });
});

describe("exchange error rate: above 10% of the orders answered in 5 minutes, the floor only reduces", () => {
  const answered = (error: boolean, now: number): RiskEvent => ({ type: "answered", error, now });
  const burst = (n: number, errors: number, now: number) => Array.from({ length: n }, (_, k) => answered(k < errors, now));
  it("is not judged under 20 answers, trips at 5 errors in 20 (25%), and resumes when the rate falls back to 10%", () => {
    const under = play(fresh(), burst(19, 5, T0));
    expect(floorMode(under.s).mode).toBe("active");
    const tripped = play(under.s, [answered(false, T0)]);
    expect(tripped.changes).toEqual([expect.objectContaining({ action: "trip", breaker: "errorRate", mode: "reducing", until: null, numbers: { errors: 5, answered: 20, rate: 0.25, limit: 0.1, windowSec: 300 } })]);
    const back = play(tripped.s, burst(30, 0, T0 + 1000));
    expect(back.changes.map(brief)).toEqual([["resume", "floor", "errorRate", "reducing"]]); // 5 of 50: not above 10%
    expect(play(tripped.s, burst(29, 0, T0 + 1000)).changes).toEqual([]); // 5 of 49 still is
  });
  it("resumes once the errors slide out of the window (kept in 30 s slices: it slides a slice at a time)", () => {
    const tripped = play(fresh(), burst(20, 5, T0)).s;
    expect(floorMode(play(tripped, [tick(T0 + 329_999)]).s).mode).toBe("reducing");
    expect(floorMode(play(tripped, [tick(T0 + 330_000)]).s).mode).toBe("active");
  });
});

describe("a spot move over 10% in 15 minutes halts the floor until a whole window passes without one", () => {
  it("trips, is renewed by a later move, and resumes 15 minutes after the last", () => {
    const move = (m: number, now: number): RiskEvent => ({ type: "spotMove", symbol: "BTCUSD", move: m, now });
    const { s, changes } = play(fresh(), [move(0.12, T0), move(0.11, T0 + 300_000)]);
    expect(changes.map(brief)).toEqual([["trip", "floor", "spotMove", "halted"]]);
    expect(s.floorTrips.spotMove?.until).toBe(T0 + 1_200_000);
    expect(floorMode(play(s, [tick(T0 + 900_000)]).s).mode).toBe("halted");
    expect(play(s, [tick(T0 + 1_200_000)]).changes.map(brief)).toEqual([["resume", "floor", "spotMove", "halted"]]);
    expect(play(fresh(), [move(0.1, T0)]).changes).toEqual([]); // 10% is not over 10%
  });
});

describe("5 losing settlements in a row pause an agent, which resumes after its cooldown", () => {
  const born = (agentId: string): RiskEvent => ({ type: "born", agentId, now: T0 });
  it("pauses t1 at its fifth loss (a flat settlement does not break the streak, a gain does), and resumes it an hour later", () => {
    const start = play(fresh(), [born("t1"), born("t2")]).s;
    const four = play(start, [settle(-10, T0 + H), settle(-10, T0 + 2 * H), settle(0, T0 + 3 * H), settle(-10, T0 + 4 * H), settle(-10, T0 + 5 * H)]);
    expect([four.s.streaks.t1, four.changes]).toEqual([4, []]);
    expect(play(four.s, [settle(5, T0 + 6 * H)]).s.streaks.t1).toBe(0);
    const five = play(four.s, [settle(-10, T0 + 6 * H)]);
    expect(five.changes).toEqual([expect.objectContaining({ action: "trip", scope: "t1", breaker: "lossStreak", mode: "halted", until: T0 + 7 * H, numbers: { streak: 5, limit: 5 } })]);
    expect(riskControls(four.s, five.s)).toEqual([{ agentId: "t1", verb: "pause", reason: "5 losing settlements in a row (limit 5); paused for 60 min" }]);
    const resumed = play(five.s, [tick(T0 + 7 * H)]);
    expect(resumed.changes.map(brief)).toEqual([["resume", "t1", "lossStreak", "halted"]]);
    expect(resumed.s.streaks.t1).toBe(0);
    expect(riskControls(five.s, resumed.s)).toEqual([{ agentId: "t1", verb: "resume", reason: "every risk limit is clear again" }]);
  });
  it("tells every living trader of a floor trip, but resumes only those not held by their own breaker", () => {
    const start = play(fresh(), [born("t1"), born("t2")]).s;
    const paused = play(start, Array.from({ length: 5 }, (_, k) => settle(-1, T0 + k * 1000))).s;
    const halted = play(paused, [settle(-1_200, T0 + 10_000, "t2")]).s;
    expect(riskControls(paused, halted)).toEqual([{ agentId: "t2", verb: "pause", reason: expect.stringMatching(/^daily loss/) }]);
    const day2 = play(halted, [tick(T0 + 24 * H)]).s; // t1's own pause ended at 01:00 too: both resume
    expect(riskControls(halted, day2).map((c) => [c.agentId, c.verb])).toEqual([["t1", "resume"], ["t2", "resume"]]);
    const early = play(halted, [tick(T0 + 10_001)]).s;
    expect(riskControls(halted, early)).toEqual([]);
    // A trader born into a halted floor is told at once.
    const newborn = play(halted, [born("t3")]).s;
    expect(riskControls(halted, newborn, "t3")).toEqual([{ agentId: "t3", verb: "pause", reason: expect.stringMatching(/^daily loss/) }]);
  });
  it("forgets a trader that is gone, and changes nothing on a quiet tick", () => {
    const s = play(fresh(), [born("t1")]).s;
    expect(play(s, [{ type: "gone", agentId: "t1", now: T0 }]).s.streaks).toEqual({});
    expect(stepRisk(s, tick(T0 + 1000), risk).state).toBe(s);
  });
});

describe("a floor with nothing yet", () => {
  it("trips nothing on a book of zero equity until something is lost", () => {
    const empty = initialRisk(0, T0, { orders: 60, cancels: 120 });
    expect(stepRisk(empty, tick(T0 + 1000), risk).changes).toEqual([]);
    expect(stepRisk(empty, settle(0, T0 + 1000), risk).changes).toEqual([]);
  });
});

import { afterEach, describe, expect, it } from "vitest";
import { agentRecord, cashOf, readStatus } from "../../state/index.ts";
import { M, riskFloor } from "./riskFloor.ts";

const H = 3_600_000;
const T0 = Date.UTC(2026, 0, 1); // 2026-01-01 00:00 UTC
/**
 * One losing trade: 370 Up at 0.51 is $188.70, plus the venue's crypto taker fee in pUSD,
 * 370 × 0.07 × 0.51 × 0.49 = $6.47241 (polymarket.md §3.5, research-2026-12.md §4.4): $195.17241,
 * all lost when Down wins.
 */
const LOSS = 195_172_410;
const verdicts = (ds: { intent: { agentId: string; size: number }; approved: boolean; reason?: string }[]) => ds.map((d) => [d.intent.agentId, d.approved, d.reason]);

let floor: ReturnType<typeof riskFloor>;
afterEach(async () => floor.stop());

describe("the daily-loss breaker, driven by a losing market", () => {
  it("halts the floor at a $1,171.03 loss in a day (limit $1,000), refuses new orders, and resumes at the next UTC day of floor time", async () => {
    floor = riskFloor(T0, ["t1", "t2", "t3"]);
    await floor.start();
    const first = await floor.window(T0 + 10 * H, ["t1", "t2", "t3"], "Down");
    expect(first.map((d) => d.approved)).toEqual([true, true, true]);
    expect(floor.breakers).toEqual([]); // $585.52 lost: under the limit
    await floor.window(T0 + 11 * H, ["t1", "t2", "t3"], "Down");
    expect(readStatus(floor.db).realizedPnl).toBeCloseTo((-6 * LOSS) / M, 6);
    const reason = "daily loss: $1171.03 realised today, the limit is $1000.00 (10.0% of the day's opening equity $10000.00); halted until 2026-01-02 00:00 UTC";
    expect(floor.breakers.map((b) => b.detail)).toEqual([
      { action: "trip", breaker: "dailyLoss", scope: "floor", mode: "halted", reason, since: T0 + 11 * H + 900_000, until: T0 + 24 * H, dayPnl: -6 * LOSS, limit: 1_000 * M, dayOpenEquity: 10_000 * M },
    ]);
    expect(floor.ctl).toEqual(["t1", "t2", "t3"].map((agentId) => ({ agentId, verb: "pause", reason })));
    // floor status shows it, and the boss's own state is the floor's
    expect(readStatus(floor.db).risk?.floor).toEqual({ mode: "halted", trips: [{ breaker: "dailyLoss", mode: "halted", reason, since: T0 + 11 * H + 900_000, until: T0 + 24 * H }] });
    expect(agentRecord(floor.db, "boss")?.state).toBe("halted");

    const refused = await floor.window(T0 + 12 * H, ["t1"], "Down");
    expect(verdicts(refused)).toEqual([["t1", false, `floor halted (${reason}): only sells of shares held pass`]]);
    await floor.at(T0 + 24 * H - 1_000);
    expect(floor.breakers).toHaveLength(1);

    await floor.at(T0 + 24 * H);
    expect(floor.breakers.at(-1)?.detail).toMatchObject({ action: "resume", breaker: "dailyLoss", scope: "floor", reason: "a new UTC day of floor time began", dayOpenEquity: 10_000 * M - 6 * LOSS });
    expect(floor.ctl.slice(3).map((c) => [c.agentId, c.verb])).toEqual([["t1", "resume"], ["t2", "resume"], ["t3", "resume"]]);
    expect(readStatus(floor.db).risk?.floor).toEqual({ mode: "active", trips: [] });
    const again = await floor.window(T0 + 24 * H, ["t1"], "Up");
    expect(verdicts(again)).toEqual([["t1", true, undefined]]);
  });
});

describe("a boss restarted while the floor is halted", () => {
  it("keeps the halt and its day's figures (its actor's snapshot), and still resumes at midnight", async () => {
    floor = riskFloor(T0, ["t1", "t2", "t3"]);
    await floor.start();
    await floor.window(T0 + 10 * H, ["t1", "t2", "t3"], "Down");
    await floor.window(T0 + 11 * H, ["t1", "t2", "t3"], "Down");
    await floor.restartBoss();
    expect(readStatus(floor.db).risk).toMatchObject({ floor: { mode: "halted" }, dayPnl: -6 * LOSS });
    expect((await floor.window(T0 + 12 * H, ["t1"], "Down"))[0]?.reason).toMatch(/^floor halted \(daily loss: \$1171\.03/);
    await floor.at(T0 + 24 * H);
    expect(readStatus(floor.db).risk?.floor.mode).toBe("active");
  });
});

describe("the drawdown breaker, driven by a losing market", () => {
  it("halts the floor when realised equity is 15.6% under its mark ($8,438.62 of $10,000) though no day lost 10%, and resumes 24 h later with the mark reset", async () => {
    floor = riskFloor(T0, ["t1", "t2", "t3", "t4"]);
    await floor.start();
    const all = ["t1", "t2", "t3", "t4"];
    await floor.window(T0 + 10 * H, all, "Down"); // day 1: $780.69 lost, 7.8%
    expect(floor.breakers).toEqual([]);
    await floor.window(T0 + 34 * H, all, "Down"); // day 2: $780.69 of $9,219.31, 8.5%; in all $1,561.38 from $10,000
    const tripAt = T0 + 34 * H + 900_000;
    expect(floor.breakers.map((b) => b.detail)).toEqual([
      {
        action: "trip", breaker: "drawdown", scope: "floor", mode: "halted", since: tripAt, until: tripAt + 24 * H,
        reason: "drawdown: realised equity $8438.62 is 15.6% below its high-water mark $10000.00 (limit 15.0%); halted until 2026-01-03 10:15 UTC, then the mark resets",
        equity: 10_000 * M - 8 * LOSS, highWater: 10_000 * M, drawdown: 8 * LOSS, limitPct: 0.15,
      },
    ]);
    const refused = await floor.window(T0 + 40 * H, ["t1"], "Up");
    expect(refused.map((d) => [d.approved, d.reason?.slice(0, 24)])).toEqual([[false, "floor halted (drawdown: "]]);
    await floor.at(tripAt + 24 * H - 1_000);
    expect(readStatus(floor.db).risk?.floor.mode).toBe("halted");
    await floor.at(tripAt + 24 * H);
    expect(floor.breakers.at(-1)?.detail).toMatchObject({ action: "resume", breaker: "drawdown", equity: 10_000 * M - 8 * LOSS, highWater: 10_000 * M - 8 * LOSS });
    expect(readStatus(floor.db).risk).toMatchObject({ floor: { mode: "active" }, highWater: 10_000 * M - 8 * LOSS });
    expect(verdicts(await floor.window(tripAt + 24 * H, ["t1"], "Up"))).toEqual([["t1", true, undefined]]);
  });
});

describe("five losses in a row", () => {
  it("pause the agent (the others trade on), which resumes after its 60-minute cooldown; its next buy is resized to the cash it has left", async () => {
    floor = riskFloor(T0, ["t1", "t2"]);
    await floor.start();
    for (let k = 0; k < 5; k++) await floor.window(T0 + k * 900_000, ["t1"], "Down");
    const pausedAt = T0 + 5 * 900_000;
    const reason = "5 losing settlements in a row (limit 5); paused for 60 min";
    expect(floor.breakers.map((b) => b.detail)).toEqual([{ action: "trip", breaker: "lossStreak", scope: "t1", mode: "halted", reason, since: pausedAt, until: pausedAt + H, streak: 5, limit: 5 }]);
    expect(floor.ctl).toEqual([{ agentId: "t1", verb: "pause", reason }]);
    expect(readStatus(floor.db).risk?.agents).toEqual({ t1: { mode: "halted", trips: [{ breaker: "lossStreak", mode: "halted", reason, since: pausedAt, until: pausedAt + H }] } });

    const during = await floor.window(pausedAt, ["t1", "t2"], "Up");
    expect(verdicts(during)).toEqual([["t1", false, `agent halted (${reason}): only sells of shares held pass`], ["t2", true, undefined]]);
    await floor.at(pausedAt + H);
    expect(floor.breakers.at(-1)?.detail).toMatchObject({ action: "resume", breaker: "lossStreak", scope: "t1", streak: 5 });
    expect(floor.ctl.at(-1)).toEqual({ agentId: "t1", verb: "resume", reason: "every risk limit is clear again" });

    // $1,000 − 5 × $195.17241 = $24.13795 left: 45.75 shares at 0.51 with their fee ($24.13280) is the most it pays for.
    expect(cashOf(floor.db, "t1")).toBe(1_000 * M - 5 * LOSS);
    const [d] = await floor.window(pausedAt + H, ["t1"], "Up");
    expect(d).toMatchObject({ approved: true, requestedSize: 370 * M, intent: { size: 45_750_000 } });
    expect(d?.reason).toBe("resized from 370.00 to 45.75 shares: order cost $195.17 exceeds the agent's cash $24.14");
    // The exchange placed and filled the approved size, not the size asked.
    expect(floor.db.prepare("SELECT size_micro AS size, filled_micro AS filled FROM orders WHERE intent_id = ?").get(d!.intent.intentId)).toEqual({ size: 45_750_000, filled: 45_750_000 });
  });
});

describe("the floor's other breakers, through the boss on the bus", () => {
  it("halts on BTC falling from $95,000 to $84,000 within 15 minutes (13.1%), and resumes 15 minutes after the last tick over the limit", async () => {
    floor = riskFloor(T0, ["t1"]);
    await floor.start();
    const tick = async (at: number, usd: number) => {
      await floor.at(at);
      floor.send("md.spot.BTCUSD", { symbol: "BTCUSD", price: usd * M });
    };
    await tick(T0 + 60_000, 95_000);
    await tick(T0 + 300_000, 90_000);
    await tick(T0 + 600_000, 84_000);
    await floor.at(T0 + 600_000);
    expect(floor.breakers.map((b) => b.detail)).toEqual([
      expect.objectContaining({ action: "trip", breaker: "spotMove", scope: "floor", mode: "halted", since: T0 + 600_000, until: T0 + 1_500_000, symbol: "BTCUSD", move: 95 / 84 - 1 }),
    ]);
    expect(floor.ctl.map((c) => [c.agentId, c.verb])).toEqual([["t1", "pause"]]);
    await tick(T0 + 660_000, 84_000); // still 13.1% within the window: the halt is renewed to 15 minutes from here
    await floor.at(T0 + 1_559_000);
    expect(readStatus(floor.db).risk?.floor.mode).toBe("halted");
    await floor.at(T0 + 1_560_000);
    expect(floor.breakers.at(-1)?.detail).toMatchObject({ action: "resume", breaker: "spotMove" });
    expect(floor.ctl.at(-1)).toMatchObject({ agentId: "t1", verb: "resume" });
  });

  it("reduces the floor when the exchange rejects 5 of 20 orders, then trades again once the errors slide out of the window", async () => {
    floor = riskFloor(T0, ["t1"]);
    await floor.start();
    await floor.window(T0, [], "Up"); // a market the boss knows, over now: the exchange refuses orders in it
    floor.quote("btc-updown-15m-1");
    for (let k = 0; k < 5; k++) floor.buy("t1", "btc-updown-15m-1", 10, `late-${k}`);
    const m2 = floor.open();
    for (let k = 0; k < 14; k++) floor.buy("t1", m2, 10, `ok-${k}`);
    await floor.at(T0 + 900_000);
    expect(floor.breakers).toEqual([]); // 5 errors of 19 answers: too few to judge
    expect(floor.decisions.filter((d) => d.intent.intentId.startsWith("late-")).map((d) => d.approved)).toEqual([true, true, true, true, true]); // the exchange's errors, not the boss's
    floor.buy("t1", m2, 10, "ok-14");
    await floor.at(T0 + 900_000);
    expect(floor.breakers.map((b) => b.detail)).toEqual([
      expect.objectContaining({ action: "trip", breaker: "errorRate", mode: "reducing", until: null, errors: 5, answered: 20, rate: 0.25, limit: 0.1, windowSec: 300 }),
    ]);
    expect(floor.ctl.map((c) => [c.agentId, c.verb])).toEqual([["t1", "reduce"]]);
    await floor.at(T0 + 900_000 + 330_000);
    expect(floor.breakers.at(-1)?.detail).toMatchObject({ action: "resume", breaker: "errorRate" });
    expect(floor.ctl.at(-1)).toMatchObject({ agentId: "t1", verb: "resume" });
  });
});

import { describe, expect, it } from "vitest";
import { bossActor } from "../../tests/helpers/bossActor.ts";
import { initialRisk } from "./breakers/index.ts";
import { NO_HOLDS, operatorControls } from "./operatorHolds.ts";

const T0 = Date.UTC(2026, 0, 1);
const book = { ...initialRisk(1_000_000_000, T0, { orders: 10, cancels: 10 }), streaks: { t1: 0, t2: 0, t3: 0 } };
const by = "127.0.0.1";

describe("operatorControls", () => {
  it("pauses one trader, then resumes it to what the book says", () => {
    const p = operatorControls(NO_HOLDS, book, [], { verb: "pause", agentId: "t1", reason: "look", by });
    expect(p.holds).toEqual({ agents: ["t1"], floor: false });
    expect(p.controls).toEqual([{ agentId: "t1", verb: "pause", reason: "operator pause by 127.0.0.1: look" }]);
    const r = operatorControls(p.holds, book, [], { verb: "resume", agentId: "t1", reason: "ok", by });
    expect(r.holds).toEqual(NO_HOLDS);
    expect(r.controls.map((c) => `${c.agentId}.${c.verb}`)).toEqual(["t1.resume"]);
    // A floor whose breaker halted it: the operator's resume leaves the breaker's pause standing.
    const halted = { ...book, floorTrips: { dailyLoss: { breaker: "dailyLoss" as const, mode: "halted" as const, reason: "daily loss", since: T0, until: null, numbers: {} } } };
    expect(operatorControls(p.holds, halted, [], { verb: "resume", agentId: "t1", reason: "ok", by }).controls.map((c) => c.verb)).toEqual(["pause"]);
  });

  it("pauses the floor; its resume spares a trader held alone and one the auditor halted", () => {
    const one = operatorControls(NO_HOLDS, book, [], { verb: "pause", agentId: "t2", reason: "x", by }).holds;
    const p = operatorControls(one, book, ["t3"], { verb: "pause", reason: "news", by });
    expect(p.holds).toEqual({ agents: ["t2"], floor: true });
    expect(p.controls.map((c) => `${c.agentId}.${c.verb}`)).toEqual(["t1.pause"]);
    const r = operatorControls(p.holds, book, ["t3"], { verb: "resume", reason: "over", by });
    expect(r.holds).toEqual({ agents: ["t2"], floor: false });
    expect(r.controls.map((c) => `${c.agentId}.${c.verb}`)).toEqual(["t1.resume"]);
    // Under the floor's hold a trader's own resume changes nothing it is told.
    expect(operatorControls(p.holds, book, [], { verb: "resume", agentId: "t2", reason: "y", by }).controls).toEqual([]);
    // An unknown trader: the hold is kept, nobody is told.
    expect(operatorControls(NO_HOLDS, book, [], { verb: "pause", agentId: "ghost", reason: "z", by }).controls).toEqual([]);
  });
});

describe("the boss and an operator's hold", () => {
  it("no breaker's automatic resumption lifts it; a rebirth is told of it", () => {
    const { boss, ctl } = bossActor(T0, ["t1", "t2"]);
    boss.send({ type: "OPERATOR", verb: "pause", agentId: "t1", reason: "look", by });
    // A 12% spot move halts the floor; a window later every limit is clear again.
    boss.send({ type: "RISK", event: { type: "spotMove", symbol: "BTCUSD", move: 0.12, now: T0 + 1000 } });
    boss.send({ type: "RISK", event: { type: "tick", now: T0 + 3_600_000 } });
    expect(ctl.filter((s) => s.startsWith("ctl.t2."))).toEqual(["ctl.t2.pause", "ctl.t2.resume"]);
    expect(ctl.filter((s) => s.startsWith("ctl.t1."))).toEqual(["ctl.t1.pause"]);
    boss.send({ type: "REBORN", agentId: "t1" });
    expect(ctl.filter((s) => s.startsWith("ctl.t1."))).toEqual(["ctl.t1.pause", "ctl.t1.pause"]);
    boss.send({ type: "OPERATOR", verb: "resume", agentId: "t1", reason: "done", by });
    expect(ctl.at(-1)).toBe("ctl.t1.resume");
    boss.stop();
  });
});

import { describe, expect, it } from "vitest";
import { RiskConfig } from "../../../protocols/index.ts";
import { floorMode, initialRisk, riskMoves, stepRisk, type RiskEvent, type RiskState } from "./index.ts";

const M = 1_000_000;
const H = 3_600_000;
const T0 = Date.UTC(2026, 0, 1);
const risk = RiskConfig.parse({});
const play = (s: RiskState, events: RiskEvent[]) => events.reduce((b, e) => stepRisk(b, e, risk).state, s);
const born = (agentId: string, now: number): RiskEvent => ({ type: "born", agentId, now });
const tick = (now: number): RiskEvent => ({ type: "tick", now });

describe("riskMoves: what the boss's actor must hear", () => {
  const book = play(initialRisk(10_000 * M, T0, { orders: 60, cancels: 120 }), [born("t1", T0)]);

  it("a tick within the day with no breaker standing is not news; the next UTC day's first tick is (the day's figures roll)", () => {
    expect(riskMoves(book, tick(T0 + H), risk)).toBe(false);
    expect(riskMoves(book, tick(T0 + 24 * H), risk)).toBe(true);
  });

  it("a trader's first birth is news (its streak starts); its rebirth is not while the floor trades, and is under a standing halt", () => {
    expect(riskMoves(book, born("t2", T0 + H), risk)).toBe(true);
    expect(riskMoves(book, born("t1", T0 + H), risk)).toBe(false);
    const halted = play(book, [{ type: "settled", agentId: "t1", pnl: -1_050 * M, alive: true, now: T0 + H }]);
    expect(floorMode(halted).mode).toBe("halted");
    expect(riskMoves(halted, born("t1", T0 + 2 * H), risk)).toBe(true);
    // The halt lifts at midnight: that tick is news, the ticks before it are not.
    expect(riskMoves(halted, tick(T0 + 24 * H - 1), risk)).toBe(false);
    expect(riskMoves(halted, tick(T0 + 24 * H), risk)).toBe(true);
  });

  it("an exchange's answer is news (the error window counts it); a small spot move or an unknown trader gone is not", () => {
    expect(riskMoves(book, { type: "answered", error: false, now: T0 + H }, risk)).toBe(true);
    expect(riskMoves(book, { type: "spotMove", symbol: "BTCUSD", move: 0.01, now: T0 + H }, risk)).toBe(false);
    expect(riskMoves(book, { type: "gone", agentId: "t9", now: T0 + H }, risk)).toBe(false);
    expect(riskMoves(book, { type: "gone", agentId: "t1", now: T0 + H }, risk)).toBe(true);
  });
});

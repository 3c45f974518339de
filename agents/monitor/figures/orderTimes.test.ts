import { describe, expect, it } from "vitest";
import { MAX_WAITING, OrderTimes } from "./orderTimes.ts";

describe("order times", () => {
  it("times tick → intent → decision → ack, and end to end", () => {
    const t = new OrderTimes();
    expect(t.intent({ intentId: "i1", agentId: "a", ts: 1_003, tick: { ts: 1_000 } })).toEqual([["a", "tickToIntent", 3]]);
    expect(t.decision({ ts: 1_010, approved: true, intent: { intentId: "i1", agentId: "a", tick: { ts: 1_000 } } })).toEqual([
      ["a", "intentToDecision", 7],
      ["a", "tickToDecision", 10],
    ]);
    expect(t.answered({ intentId: "i1", ts: 1_025, type: "ack" })).toEqual([
      ["a", "decisionToAck", 15],
      ["a", "tickToAck", 25],
    ]);
    // Once acked, a later event of the order (a fill) times nothing.
    expect(t.answered({ intentId: "i1", ts: 1_100, type: "ack" })).toEqual([]);
  });

  it("times what it can of an intent without a tick, a rejection, and a decision whose intent it never saw", () => {
    const t = new OrderTimes();
    expect(t.intent({ intentId: "i2", agentId: "b", ts: 50 })).toEqual([]);
    expect(t.decision({ ts: 52, approved: false, intent: { intentId: "i2", agentId: "b" } })).toEqual([["b", "intentToDecision", 2]]);
    expect(t.answered({ intentId: "i2", ts: 53, type: "ack" })).toEqual([]); // a rejected intent is never acked
    expect(t.decision({ ts: 70, approved: true, intent: { intentId: "i3", agentId: "b", tick: { ts: 60 } } })).toEqual([["b", "tickToDecision", 10]]);
    expect(t.answered({ intentId: "i3", ts: 71, type: "reject" })).toEqual([]);
    expect(t.answered({ intentId: "i3", ts: 72, type: "ack" })).toEqual([]); // the reject ended its wait
  });

  it("forgets the oldest intents past its bound", () => {
    const t = new OrderTimes();
    for (let i = 0; i <= MAX_WAITING; i++) t.intent({ intentId: `i${i}`, agentId: "a", ts: i });
    expect(t.decision({ ts: 5, approved: false, intent: { intentId: "i0", agentId: "a" } })).toEqual([]);
    expect(t.decision({ ts: 5, approved: false, intent: { intentId: "i1", agentId: "a" } })).toEqual([["a", "intentToDecision", 4]]);
  });
});

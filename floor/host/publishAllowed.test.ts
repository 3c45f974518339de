import { describe, expect, it } from "vitest";
import { publishAllowed, publishCheck } from "./publishAllowed.ts";

describe("publishAllowed", () => {
  it("lets each kind publish its own subjects only", () => {
    expect(publishAllowed("boss", "boss", "order.decision.t1")).toBe(true);
    expect(publishAllowed("boss", "boss", "ctl.t1.allocate")).toBe(true);
    expect(publishAllowed("trader", "t1", "order.intent.t1")).toBe(true);
    expect(publishAllowed("trader", "t1", "order.intent.t2")).toBe(false);
    expect(publishAllowed("trader", "t1", "order.decision.t1")).toBe(false);
    expect(publishAllowed("trader", "t1", "ctl.t1.allocate")).toBe(false);
    expect(publishAllowed("trader", "t1", "md.book.m1")).toBe(false);
    expect(publishAllowed("exchange", "exchange", "md.trade.m1")).toBe(true);
    expect(publishAllowed("exchange", "exchange", "md.book.m1")).toBe(false);
    expect(publishAllowed("feed", "feed", "md.book.m1")).toBe(true);
    expect(publishAllowed("monitor", "monitor", "metrics.t1")).toBe(true);
    // Commands to the supervisor: the boss's (and the admin's), no other agent's.
    expect(publishAllowed("boss", "boss", "floor.agent.spawn")).toBe(true);
    expect(publishAllowed("trader", "t1", "floor.agent.spawn")).toBe(false);
    expect(publishAllowed("auditor", "auditor", "floor.agent.retire")).toBe(false);
  });

  it("lets every kind publish its heartbeat, lifecycle and audit facts", () => {
    for (const kind of ["feed", "exchange", "trader", "boss", "auditor", "monitor"] as const) {
      expect(publishAllowed(kind, "a", "hb.a")).toBe(true);
      expect(publishAllowed(kind, "a", "hb.b")).toBe(false);
      expect(publishAllowed(kind, "a", "floor.life.spawn")).toBe(true);
      expect(publishAllowed(kind, "a", "audit.violation")).toBe(true);
    }
  });
});

describe("publishCheck", () => {
  it("answers as publishAllowed does, again and again", () => {
    const may = publishCheck("trader", "t1");
    for (let i = 0; i < 3; i++) {
      expect(may("order.intent.t1")).toBe(true);
      expect(may("order.decision.t1")).toBe(false);
    }
  });
});

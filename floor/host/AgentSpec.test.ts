import { describe, expect, expectTypeOf, it } from "vitest";
import { families, patterns, subjects, type OrderDecision, type SpotTick } from "../../protocols/index.ts";
import { route } from "./AgentSpec.ts";

describe("route", () => {
  it("takes its message type from the family's schema", () => {
    const r = route(families.spot, (t) => {
      expectTypeOf(t).toEqualTypeOf<SpotTick>();
    });
    expect(r.pattern).toBe("md.spot.*");
    route(families.decision, (d) => void expectTypeOf(d).toEqualTypeOf<OrderDecision>());
  });

  it("narrows to a subject or pattern inside the family, never outside it", () => {
    expect(route(families.decision, () => {}, { pattern: subjects.decision("t1") }).pattern).toBe("order.decision.t1");
    expect(route(families.ctl, () => {}, { pattern: patterns.ctlOf("t1") }).pattern).toBe("ctl.t1.*");
    expect(() => route(families.decision, () => {}, { pattern: subjects.intent("t1") })).toThrow(/outside its family/);
    expect(() => route(families.ctl, () => {}, { pattern: "ctl.t1" })).toThrow(/outside its family/);
  });
});

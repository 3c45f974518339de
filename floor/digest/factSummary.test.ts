import { describe, expect, it } from "vitest";
import { factSummary } from "./factSummary.ts";

describe("factSummary", () => {
  it("prints the detail as key=value pairs in one line", () => {
    expect(factSummary({ agentId: "t1", reason: "hung:\nno heartbeat", restarts: 2, at: { ts: 5 } })).toBe('agentId=t1, reason=hung: no heartbeat, restarts=2, at={"ts":5}');
  });

  it("cuts a long detail at 300 characters", () => {
    const s = factSummary({ error: "x".repeat(500) });
    expect(s).toHaveLength(300);
    expect(s.endsWith("…")).toBe(true);
  });
});

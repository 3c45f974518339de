import { describe, expect, it } from "vitest";
import { ledgerViolations } from "./ledgerViolations.ts";

describe("ledgerViolations", () => {
  it("is empty when the ledger adds up", () => {
    expect(ledgerViolations([])).toEqual([]);
  });
  it("names the record and both figures; an agent's discrepancy concerns it, the floor's concerns no one", () => {
    const [pos, floor] = ledgerViolations([
      { check: "position", figure: "shares", agentId: "t1", marketId: "m1", outcome: "Up", recorded: 5_000_000, expected: 4_000_000 },
      { check: "cash", figure: "floor cash", agentId: "*", recorded: 10, expected: 12 },
    ]);
    expect(pos).toMatchObject({ rule: "ledger.position", agentId: "t1", allowed: 4_000_000, actual: 5_000_000, refs: { figure: "shares", marketId: "m1", outcome: "Up" }, reason: "shares of t1 m1 Up: recorded 5000000, the rows make 4000000" });
    expect(floor).toMatchObject({ rule: "ledger.cash", allowed: 12, actual: 10 });
    expect(floor).not.toHaveProperty("agentId");
    expect(pos!.key).not.toBe(floor!.key);
  });
});

import { describe, expect, it } from "vitest";
import { matchFacts, type Fact } from "./matchFacts.ts";

const M = 1_000_000;
const deposit = (at: string, amount: number, ts = 0): Fact => ({ kind: "deposit", key: "floor#1", at, ts, fields: { amount } });
const fill = (at: string, price: number, ts = 0): Fact => ({ kind: "fill", key: "f-1", at, ts, fields: { orderId: "o-1", price, size: 10 * M } });

describe("matchFacts", () => {
  it("finds nothing when every ledger fact has its audit record with the same figures, and counts them", () => {
    const r = matchFacts([deposit("cash row 1", 10_000 * M), fill("fills row 1", 450_000)], [fill("audit entry 9", 450_000), deposit("audit entry 2", 10_000 * M)]);
    expect(r).toEqual({ problems: [], pending: 0, counts: { order: 0, fill: 1, reversal: 0, settlement: 0, transfer: 0, deposit: 1 }, ledgerOnly: [], auditOnly: [] });
  });

  it("compares amounts, not just existence: names the record, the field and both figures", () => {
    const r = matchFacts([deposit("cash row 1", 15_000 * M), fill("fills row 1", 460_000)], [deposit("audit entry 2", 10_000 * M), fill("audit entry 9", 450_000)]);
    expect(r.problems).toEqual([
      "deposit floor#1 (cash row 1 ↔ audit entry 2): amount: ledger 15000, audit 10000",
      "fill f-1 (fills row 1 ↔ audit entry 9): price: ledger 0.46, audit 0.45",
    ]);
  });

  it("reports a fact on one side only, and a field the audit record lacks", () => {
    const bare: Fact = { kind: "fill", key: "f-1", at: "audit entry 9", ts: 0, fields: { orderId: "o-1", price: 450_000 } };
    expect(matchFacts([deposit("cash row 1", 1)], []).problems).toEqual(["deposit floor#1 is in the ledger (cash row 1) but not in the audit log"]);
    expect(matchFacts([], [deposit("audit entry 2", 1)]).problems).toEqual(["deposit floor#1 is in the audit log (audit entry 2) but not in the ledger"]);
    expect(matchFacts([fill("fills row 1", 450_000)], [bare]).problems).toEqual(["fill f-1 (fills row 1 ↔ audit entry 9): size: ledger 10, audit (none)"]);
  });

  it("counts a message audited twice with the same figures once, but not a second one that differs", () => {
    expect(matchFacts([fill("fills row 1", 450_000)], [fill("audit entry 9", 450_000), fill("audit entry 10", 450_000)]).problems).toEqual([]);
    expect(matchFacts([fill("fills row 1", 450_000)], [fill("audit entry 9", 450_000), fill("audit entry 10", 440_000)]).problems).toEqual([
      "fill f-1 is in the audit log (audit entry 10) but not in the ledger",
    ]);
  });

  it("holds facts at or after a running floor's anchor as pending, not missing", () => {
    const r = matchFacts([deposit("cash row 1", 1, 5_000), fill("fills row 1", 450_000, 4_999)], [], 5_000);
    expect(r.pending).toBe(1);
    expect(r.problems).toEqual(["fill f-1 is in the ledger (fills row 1) but not in the audit log"]);
  });
});

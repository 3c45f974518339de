import { describe, expect, it } from "vitest";
import { SelectionConfig } from "../../../protocols/index.ts";
import { evenRecord } from "../../../tests/helpers/evenRecord.ts";
import { planReview, trialsOf } from "./planReview.ts";

const cfg = SelectionConfig.parse({});
const rec = (n: number, q: number, drawdown = 0.1) => ({ returns: evenRecord(n, q), drawdown });

describe("planReview", () => {
  it("kills a proven loser, clones a proven winner, and leaves a short record alone", () => {
    const records = new Map([
      ["winner", rec(1000, 0.65)], // SR 0.31: DSR clears against the three tried (at 0.6, SR 0.20, it is 0.927: kept)
      ["loser", rec(1000, 0.42)], // SR −0.16: PSR ≈ 0
      ["young", rec(30, 0.1)], // terrible, but 30 trades is before minTrades
    ]);
    const p = planReview({ traders: ["winner", "loser", "young"], records, everTried: 3, birthsToday: 0, cfg });
    expect(p.judged.map((j) => [j.agentId, j.judgement.action])).toEqual([["winner", "clone"], ["loser", "kill"], ["young", "wait"]]);
    expect(p.kill).toEqual([{ agentId: "loser", reason: expect.stringContaining("PSR") }]);
    expect(p.clone).toEqual([{ parentId: "winner", reason: expect.stringContaining("DSR") }]);
  });

  it("clones within the population cap and the day's births, best DSR first", () => {
    const records = new Map([
      ["a", rec(1000, 0.6)],
      ["b", rec(1000, 0.65)],
      ["c", rec(1000, 0.62)],
    ]);
    const traders = ["a", "b", "c"];
    const p = planReview({ traders, records, everTried: 3, birthsToday: 0, cfg: { ...cfg, maxTraders: 5 } });
    expect(p.clone.map((c) => c.parentId)).toEqual(["b", "c"]);
    expect(planReview({ traders, records, everTried: 3, birthsToday: cfg.birthsPerDay - 1, cfg }).clone.map((c) => c.parentId)).toEqual(["b"]);
    expect(planReview({ traders, records, everTried: 3, birthsToday: 0, cfg: { ...cfg, maxTraders: 3 } }).clone).toEqual([]);
    // A kill makes room: three alive, one killed, cap 3.
    records.set("d", rec(1000, 0.4));
    expect(planReview({ traders: ["a", "d", "b"], records, everTried: 4, birthsToday: 0, cfg: { ...cfg, maxTraders: 3 } }).clone.map((c) => c.parentId)).toEqual(["b"]);
  });

  it("does not clone the same Sharpe ratio when it is the best of many variants tried", () => {
    // SR 0.1 over 1,000 trades: one trial clears DSR 0.95; as the best of 200 tried (spread 0.1), luck explains it.
    const records = new Map([["lucky", rec(1000, 0.55)]]);
    for (let i = 0; i < 10; i++) records.set(`dead-${i}`, rec(400, 0.35 + 0.03 * i));
    const alone = planReview({ traders: ["lucky"], records: new Map([["lucky", rec(1000, 0.55)]]), everTried: 1, birthsToday: 0, cfg });
    expect(alone.clone).toHaveLength(1);
    const many = planReview({ traders: ["lucky"], records, everTried: 200, birthsToday: 0, cfg });
    expect(many.judged[0]!.judgement.action).toBe("keep");
    expect(many.judged[0]!.judgement.numbers.trials).toBe(200);
  });

  it("counts every variant ever tried, and the spread of those with a long enough record (ddof 0)", () => {
    const records = new Map([["x", { returns: [1, -1, 1, -1], drawdown: 0 }], ["y", { returns: [1, 1, 1, -1], drawdown: 0 }], ["z", { returns: [1], drawdown: 0 }]]);
    // SRs 0 and 0.5 (sd ddof 1 of [1,1,1,−1] is 1): population sd 0.25.
    expect(trialsOf(records, 7, 2)).toEqual({ sd: 0.25, n: 7 });
    // Records shorter than minTrades count as trials but not in the spread.
    expect(trialsOf(records, 7, 5)).toEqual({ sd: 0, n: 7 });
  });
});

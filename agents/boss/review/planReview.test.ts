import { describe, expect, it } from "vitest";
import { SelectionConfig } from "../../../protocols/index.ts";
import { evenRecord } from "../../../tests/helpers/evenRecord.ts";
import { planReview } from "./planReview.ts";

const cfg = SelectionConfig.parse({});
const rec = (n: number, q: number, drawdown = 0.1) => ({ returns: evenRecord(n, q), drawdown });

describe("planReview", () => {
  it("kills a proven loser, clones a proven winner, and leaves a short record alone", () => {
    const records = new Map([
      ["winner", rec(1000, 0.65)], // SR 0.31: DSR clears against the three tried (luck's best of 3 over 1,000 trades: SR 0.027)
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
    // SR 0.1 over 1,000 trades: one trial clears DSR 0.95; as the best of 200 tried (luck's best: SR 0.0875), it does not.
    const records = new Map([["lucky", rec(1000, 0.55)]]);
    const alone = planReview({ traders: ["lucky"], records, everTried: 1, birthsToday: 0, cfg });
    expect(alone.clone).toHaveLength(1);
    const many = planReview({ traders: ["lucky"], records, everTried: 200, birthsToday: 0, cfg });
    expect(many.judged[0]!.judgement.action).toBe("keep");
    expect(many.judged[0]!.judgement.numbers.trials).toBe(200);
  });

  it("deflates by how many variants were tried, not by their Sharpe ratios: bad ideas tried do not hide a real edge", () => {
    // Seed 9 of the ten weeks (docs/BOSS.md): SR 0.34 over 1,910 trades beside losers at SR −0.16 and −0.27. From
    // these three ratios' spread (ddof 0) SR0 would be 0.44, above the edge itself; luck's best of 12 over 1,910 trades is SR 0.038.
    const records = new Map([["edge", rec(1910, 0.66)], ["loser-a", rec(800, 0.42)], ["loser-b", rec(600, 0.37)]]);
    const p = planReview({ traders: ["edge", "loser-a", "loser-b"], records, everTried: 12, birthsToday: 0, cfg });
    expect(p.judged.map((j) => j.judgement.action)).toEqual(["clone", "kill", "kill"]);
    expect(p.judged[0]!.judgement.numbers.sr0).toBeCloseTo(0.038, 3);
    // The count is at least the live traders, whatever the caller says.
    expect(planReview({ traders: ["edge", "loser-a"], records, everTried: 0, birthsToday: 0, cfg }).judged[0]!.judgement.numbers.trials).toBe(2);
  });
});

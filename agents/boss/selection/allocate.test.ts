import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MICRO } from "../../../protocols/index.ts";
import { evenRecord } from "../../../tests/helpers/evenRecord.ts";
import { allocate, type AllocationSettings, type Candidate } from "./allocate.ts";
import { FLOOR_ACCOUNT } from "./movesTo.ts";

const USD = MICRO;
const base: AllocationSettings = { probationTrades: 50, probationPct: 0.02, shrinkTrades: 500, perAgentMaxPct: 1, floorCapital: 10_000 * USD, available: 10_000 * USD };

const agent = (id: string, returns: number[], allocated = 0): Candidate => ({ id, returns, allocated });

describe("allocate", () => {
  it("gives a newborn its probation share and the veterans the rest by edge, by hand", () => {
    // Veterans of 1,500 trades (λ 0.75): a wins 60% (μ 0.2, σ² 0.9604: score 0.208), b 50% (score 0).
    const a = allocate([agent("new", []), agent("a", evenRecord(1500, 0.6)), agent("b", evenRecord(1500, 0.5))], base);
    const [newborn, good, flat] = a.targets;
    expect(newborn).toMatchObject({ id: "new", amount: 200 * USD });
    expect(newborn!.reason).toBe("probation: 0 of 50 trades, 200.000000");
    // Pool 9,800: a 0.75 + 0.25/2 = 0.875 of it, b 0.125.
    expect(good!.amount).toBe(Math.floor(0.875 * 9_800 * USD));
    expect(flat!.amount).toBe(Math.floor(0.125 * 9_800 * USD));
    expect(good!.reason).toMatch(/^1500 trades: edge μ\/σ² 0\.20\d+ \(μ 0\.2000, σ 0\.98\d+\), λ 0\.750: 87\.50% of the pool 9800\.000000$/);
    expect(a.unallocated).toBe(10_000 * USD - 200 * USD - good!.amount - flat!.amount);
  });

  it("puts on probation whom the caller says, whatever their record; a short record told otherwise shares by edge", () => {
    // The floor's starting roster (no record yet) shares equally; only the clone is on probation.
    const a = allocate([{ ...agent("clone", evenRecord(60, 0.6)), probation: true }, { ...agent("r1", []), probation: false }, { ...agent("r2", []), probation: false }], base);
    expect(a.targets.map((t) => t.amount)).toEqual([200 * USD, 4_900 * USD, 4_900 * USD]);
  });

  it("shrinks short records toward equal shares, and lets long ones follow their edge", () => {
    const rates = [0.5, 0.52, 0.55, 0.6, 0.65];
    const spread = (n: number) => {
      const amounts = allocate(rates.map((q, i) => agent(`a${i}`, evenRecord(n, q))), base).targets.map((t) => t.amount);
      return Math.max(...amounts) / Math.min(...amounts);
    };
    expect(spread(60)).toBeLessThan(1.7); // λ 0.107: every weight within 0.107 of 1/5
    expect(spread(20_000)).toBeGreaterThan(10); // λ 0.976
    const short = allocate(rates.map((q, i) => agent(`a${i}`, evenRecord(60, q))), base).targets;
    const equal = base.available / rates.length;
    for (const t of short) expect(Math.abs(t.amount - equal)).toBeLessThanOrEqual((60 / 560) * base.available);
  });

  it("gives a zero-edge agent no more than an equal share, short or long record", () => {
    for (const n of [50, 400, 5000]) {
      const agents = [agent("zero", evenRecord(n, 0.5)), agent("good", evenRecord(n, 0.6)), agent("bad", evenRecord(n, 0.4))];
      const zero = allocate(agents, base).targets[0]!;
      expect(zero.amount).toBeLessThanOrEqual(base.available / 3);
    }
  });

  it("caps every agent at perAgentMaxPct and keeps the rest on the floor", () => {
    const a = allocate([agent("a", evenRecord(5000, 0.65)), agent("b", evenRecord(5000, 0.6))], { ...base, perAgentMaxPct: 0.1 });
    expect(a.targets.map((t) => t.amount)).toEqual([1_000 * USD, 1_000 * USD]);
    expect(a.targets[0]!.reason).toMatch(/, capped at 10\.00% of floor capital$/);
    expect(a.unallocated).toBe(8_000 * USD);
  });

  it("takes back before it hands out, with the amounts and a reason in every move", () => {
    const a = allocate([agent("rich", evenRecord(5000, 0.5), 5_000 * USD), agent("good", evenRecord(5000, 0.6), 1_000 * USD)], { ...base, available: 8_000 * USD });
    expect(a.moves.map((m) => [m.from, m.to])).toEqual([["rich", FLOOR_ACCOUNT], [FLOOR_ACCOUNT, "good"]]);
    expect(a.moves[0]!.amount).toBe(5_000 * USD - a.targets[0]!.amount);
    expect(a.moves[0]!.reason).toMatch(/^rich: 5000\.000000 → \d+\.\d{6}; 5000 trades: edge μ\/σ² 0\.0000/);
  });

  it("gives newborns what is left when capital runs short, in the order given", () => {
    const a = allocate([agent("x", []), agent("y", []), agent("z", [])], { ...base, available: 450 * USD });
    expect(a.targets.map((t) => t.amount)).toEqual([200 * USD, 200 * USD, 50 * USD]);
    expect(a.targets[2]!.reason).toBe("probation: 0 of 50 trades, 200.000000 (only 50.000000 left)");
  });

  it("refuses fractional micro-units and duplicate ids", () => {
    expect(() => allocate([agent("a", [], 1.5)], base)).toThrow(RangeError);
    expect(() => allocate([], { ...base, available: -1 })).toThrow(RangeError);
    expect(() => allocate([agent("a", []), agent("a", [])], base)).toThrow(RangeError);
  });

  it("property: targets are whole micro-units within every cap, sum to at most what is available, and the moves reach them", () => {
    // Binary records (win `payoff` or lose the stake) of any length and edge, so short and long,
    // winning and losing records meet; plus a little noise so no two are alike.
    const candidate = fc.record({
      n: fc.integer({ min: 0, max: 3000 }),
      winRate: fc.double({ min: 0, max: 1, noNaN: true }),
      payoff: fc.double({ min: 0.05, max: 5, noNaN: true }),
      allocated: fc.integer({ min: 0, max: 2e9 }),
    });
    const settings = fc.record({
      floorCapital: fc.integer({ min: 0, max: 1e13 }),
      // Shares in basis points: fc.double would crowd them near their lower bounds.
      availableBp: fc.integer({ min: 0, max: 10_000 }),
      perAgentMaxBp: fc.integer({ min: 10, max: 10_000 }),
      probationBp: fc.integer({ min: 10, max: 10_000 }),
      probationTrades: fc.integer({ min: 0, max: 60 }),
      shrinkTrades: fc.integer({ min: 1, max: 2000 }),
    });
    fc.assert(
      fc.property(fc.array(candidate, { maxLength: 25 }), settings, (cands, s) => {
        const bp = (x: number) => x / 10_000;
        const cfg = { ...s, perAgentMaxPct: bp(s.perAgentMaxBp), probationPct: bp(s.probationBp), available: Math.floor(bp(s.availableBp) * s.floorCapital) };
        const agents = cands.map((c, i) => ({ id: `t${i}`, allocated: c.allocated, returns: evenRecord(c.n, c.winRate).map((r, k) => (r > 0 ? c.payoff : -1) + 1e-3 * Math.sin(k)) }));
        const { targets, moves, unallocated } = allocate(agents, cfg);
        const cap = Math.floor(cfg.perAgentMaxPct * cfg.floorCapital);
        let total = 0;
        for (const t of targets) {
          expect(Number.isSafeInteger(t.amount) && t.amount >= 0 && t.amount <= cap).toBe(true);
          total += t.amount;
        }
        expect(total).toBeLessThanOrEqual(cfg.available);
        expect(unallocated).toBe(cfg.available - total);
        const held = new Map(agents.map((a) => [a.id, a.allocated]));
        for (const m of moves) {
          expect(Number.isSafeInteger(m.amount) && m.amount > 0).toBe(true);
          if (m.from !== FLOOR_ACCOUNT) held.set(m.from, held.get(m.from)! - m.amount);
          if (m.to !== FLOOR_ACCOUNT) held.set(m.to, held.get(m.to)! + m.amount);
        }
        for (const t of targets) expect(held.get(t.id)).toBe(t.amount);
      }),
      { seed: 12, numRuns: 300 },
    );
  });
});

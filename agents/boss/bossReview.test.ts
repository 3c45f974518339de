import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SelectionConfig, type AgentCommand, type AuditFact } from "../../protocols/index.ts";
import { allocatedOf, listJudgements, registerAgent, type Db } from "../../state/index.ts";
import { bossHarness, type BossHarness } from "../../tests/helpers/bossHarness.ts";
import { evenRecord } from "../../tests/helpers/evenRecord.ts";

const T0 = Date.UTC(2026, 0, 1);
const HOUR = 3_600_000;
const USD = 1_000_000;
let h: BossHarness, db: Db, commands: AgentCommand[], audits: AuditFact[];

const trader = (id: string, strategy: string) => ({ id, kind: "trader", enabled: true, strategy, params: {} });

/** `id`'s record: one settled window per trade, $100 at risk each, winning +$100 or losing it all. */
function settle(id: string, wins: number[]): void {
  const ins = db.prepare("INSERT INTO settlements (agent_id, market_id, winner, up_shares_micro, down_shares_micro, payout_micro, cost_micro, pnl_micro, ts) VALUES (?, ?, 'Up', 0, 0, 0, ?, ?, ?)");
  wins.forEach((w, i) => ins.run(id, `${id}-m${i}`, 100 * USD, w > 0 ? 100 * USD : -100 * USD, T0 + i));
}

beforeEach(async () => {
  h = bossHarness("boss-review", T0, { selection: SelectionConfig.parse({ reviewEverySec: 3600 }) });
  ({ db, commands, audits } = h);
  const traders = [["winner", "fairValue"], ["loser", "momentum"], ["young", "meanReversion"]] as const;
  for (const [id, strategy] of traders) registerAgent(db, { agentId: id, kind: "trader", config: trader(id, strategy), state: "trading", ts: T0 });
  await h.start(...traders.map(([id]) => id));
});
afterEach(() => h.stop());

describe("the boss's review", () => {
  it("waits a review period, then retires the proven loser and clones the proven winner through the supervisor, with the numbers", async () => {
    settle("winner", evenRecord(1000, 0.65)); // SR 0.31 a trade
    settle("loser", evenRecord(1000, 0.42)); // SR −0.16
    settle("young", evenRecord(30, 0.1)); // 30 trades: too few to judge
    h.boss.tick(T0 + HOUR - 1);
    await h.bus.idle();
    expect(commands).toEqual([]);
    h.clock.advanceTo(T0 + HOUR);
    h.boss.tick(T0 + HOUR);
    await h.bus.idle();
    expect(commands.map((c) => [c.verb, c.agentId, c.parentId])).toEqual([["retire", "loser", undefined], ["spawn", "winner_4", "winner"]]);
    expect(commands[0]!.reason).toMatch(/^killed by selection: PSR 0\.000 < 0\.05: SR -0\.16\d* over 1000 trades/);
    const clone = commands[1]!;
    expect(clone.reason).toMatch(/^clone of winner: DSR (0\.9[5-9]\d|1\.000) ≥ 0\.95: SR 0\.31\d+ over 1000 trades beats SR0 0\.0270, the best that 3 variants of no skill would show/);
    expect(clone.config).toMatchObject({ id: "winner_4", kind: "trader", strategy: "fairValue" });
    expect(clone.config!.params).not.toEqual({});
    const judged = listJudgements(db).map((j) => [j.agentId, j.action, j.numbers.n, j.numbers.trials]);
    expect(judged).toEqual([["loser", "kill", 1000, 3], ["winner", "clone", 1000, 3], ["young", "wait", 30, 3]]);
    expect(audits.filter((a) => a.kind === "selection").map((a) => a.detail.action)).toEqual(["kill", "clone"]);
  });

  it("moves capital toward edge at a review, each move a ledger transfer with its reason", async () => {
    settle("winner", evenRecord(2000, 0.6));
    settle("loser", evenRecord(2000, 0.5)); // no edge: its share shrinks toward nothing as its record grows
    settle("young", evenRecord(10, 0.5));
    const before = allocatedOf(db, "loser");
    h.clock.advanceTo(T0 + HOUR);
    h.boss.tick(T0 + HOUR);
    await h.bus.idle();
    expect(before).toBe(1000 * USD);
    expect(allocatedOf(db, "loser")).toBeLessThan(before);
    const moves = audits.filter((a) => a.kind === "transfer" && String(a.detail.ref).startsWith("review-"));
    expect(moves.length).toBeGreaterThan(0);
    expect(moves.find((m) => m.detail.from === "loser")!.detail.reason).toMatch(/^loser: 1000\.000000 → \d+\.\d+; 2000 trades: edge μ\/σ² 0\.0000/);
  });
});

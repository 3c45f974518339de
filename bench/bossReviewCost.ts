import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LocalBus } from "../floor/bus/index.ts";
import { SimClock } from "../floor/clock/index.ts";
import { AgentHost } from "../floor/host/index.ts";
import type { Logger } from "../floor/log/createLogger.ts";
import { createRng } from "../floor/random/createRng.ts";
import { RiskConfig, SelectionConfig } from "../protocols/index.ts";
import { openDb, registerAgent } from "../state/index.ts";
import { bossAgent } from "../agents/boss/bossAgent.ts";
import { median, sig } from "./stats.ts";

const T0 = Date.UTC(2026, 0, 1);
const HOUR = 3_600_000;

export interface BossReviewCost {
  agents: number;
  tradesPerAgent: number;
  reviews: number;
  /** Wall ms of one review (judge all, kill, clone, reallocate), median over `reviews`. */
  medianMs: number;
  perAgentMicros: number;
}

/**
 * One review of `agents` traders by the real boss on a real SQLite file: each trader has
 * `trades` settled windows of ±$100 (a seeded win rate per trader between 0.40 and 0.60, so some
 * are killed, some cloned, most kept), and the review reads them all, judges, and moves capital.
 */
export async function bossReviewCost(log: Logger, agents = 200, trades = 500, reviews = 5): Promise<BossReviewCost> {
  const dir = await mkdtemp(join(tmpdir(), "polyfloor-review-"));
  const db = openDb(join(dir, "floor.db"));
  const bus = new LocalBus();
  const clock = new SimClock(T0);
  try {
    const selection = SelectionConfig.parse({ maxTraders: 10_000, birthsPerDay: 1000 });
    const boss = new AgentHost(bossAgent("boss", { capital: 1_000_000, risk: RiskConfig.parse({}), selection }), { bus, clock, db, log, runId: 1 });
    boss.start();
    const rng = createRng("review-bench");
    const ins = db.prepare("INSERT INTO settlements (agent_id, market_id, winner, up_shares_micro, down_shares_micro, payout_micro, cost_micro, pnl_micro, ts) VALUES (?, ?, 'Up', 0, 0, 0, 100000000, ?, ?)");
    db.transaction(() => {
      for (let a = 0; a < agents; a++) {
        const id = `momentum-${a + 1}`;
        registerAgent(db, { agentId: id, kind: "trader", config: { id, kind: "trader", enabled: true, strategy: "momentum", params: { lookbackSec: 120 + a } }, state: "trading", ts: T0 });
        const q = 0.4 + 0.2 * rng.next();
        for (let t = 0; t < trades; t++) ins.run(id, `m${t}`, rng.next() < q ? 100_000_000 : -100_000_000, T0 + t);
      }
    })();
    const times: number[] = [];
    for (let r = 1; r <= reviews; r++) {
      clock.advanceTo(T0 + r * HOUR);
      const t0 = performance.now();
      boss.tick(T0 + r * HOUR);
      times.push(performance.now() - t0);
      await bus.idle();
    }
    await boss.stop();
    const ms = median(times);
    return { agents, tradesPerAgent: trades, reviews, medianMs: sig(ms, 3), perAgentMicros: sig((1000 * ms) / agents, 3) };
  } finally {
    await bus.close();
    db.close();
    await rm(dir, { recursive: true, force: true });
  }
}

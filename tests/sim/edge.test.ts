import { afterAll, describe, expect, it } from "vitest";
import { brier, meanSe } from "../../floor/stats/index.ts";

/** Mean per-trade return with its normal-approximation 95% interval, and t = mean / se. */
function meanInterval(xs: readonly number[]) {
  const m = meanSe(xs);
  return { n: xs.length, mean: m?.mean ?? NaN, lo: m?.lo ?? NaN, hi: m?.hi ?? NaN, t: m ? m.mean / m.se : NaN };
}
import { LocalBus } from "../../floor/bus/index.ts";
import { agentFileSchema, loadFloorConfig } from "../../floor/config/index.ts";
import { createLogger } from "../../floor/log/createLogger.ts";
import { runFloor } from "../../floor/runner/index.ts";
import { openDb } from "../../state/index.ts";
import { tmpDir } from "../helpers/tmp.ts";

const AgentConfig = agentFileSchema();

/**
 * Is any edge left for a taker on public data? One floor per seed on back-to-back BTC 5-minute
 * windows (more windows per simulated hour than 15-minute ones), with the default makers
 * (calibrated to the real market's efficiency: tests/sim/efficiency.test.ts) and three traders:
 * - informed: `fairValue` with its defaults (current spot, realised volatility of the last 300 s,
 *   time left; buys when a quote is 10 points cheaper than that after the fee);
 * - eager: the same model acting on 2 points, so it trades most windows and its bets measure
 *   whether its disagreements with the book carry information;
 * - naive: `momentum` with its defaults (extrapolates the last two minutes' drift).
 *
 * From the ledger (per trade: settlement PnL over cash paid, fees included), pooled over the
 * seeds, the test asserts:
 * - each trader trades (the informed one rarely: the book seldom leaves it 10 points);
 * - no trader has a detectable positive edge: the 95% interval of its mean return per trade
 *   includes zero or lies below it;
 * - the eager trader's beliefs forecast no better than the prices it paid (Brier over its trades,
 *   within 0.01): where its model and the book disagree, the book is at least as right.
 * Each can fail: on the makers before the calibration (lagged 1–5 s) the informed trader made
 * 37% a trade (interval 20%..54%) and the eager one's beliefs beat its prices by far.
 * docs/SIMULATOR.md ("Edge") quotes the figures this prints.
 */

const HOURS = 12;
/** Seeds of the run; EDGE_SEEDS=4,5,6 checks another draw. */
const SEEDS = (process.env.EDGE_SEEDS ?? "1,2,3").split(",").map(Number);
const AGENTS = ["informed", "eager", "naive"] as const;
type Agent = (typeof AGENTS)[number];
const tmp = tmpDir("edge");
afterAll(() => tmp.remove());
const log = createLogger({ level: "silent" });

/** One settled position: its return per dollar paid, the belief it was bought on, the price paid, and whether it won. */
interface Trade {
  ret: number;
  belief: number;
  price: number;
  won: boolean;
}

async function run(seed: number): Promise<Record<Agent, Trade[]>> {
  const base = loadFloorConfig(undefined);
  const config = {
    ...base,
    floor: { ...base.floor, sim: { ...base.floor.sim, series: [{ asset: "BTC", symbol: "BTCUSD", marketMinutes: 5 as const, startPrice: 95_000 }] } },
    agents: [
      AgentConfig.parse({ id: "informed", kind: "trader", strategy: "fairValue" }),
      AgentConfig.parse({ id: "eager", kind: "trader", strategy: "fairValue", params: { minEdge: 0.02 } }),
      AgentConfig.parse({ id: "naive", kind: "trader", strategy: "momentum" }),
    ],
  };
  const dbPath = tmp.path(`edge-${seed}.db`);
  const bus = new LocalBus();
  let status;
  try {
    status = await runFloor({ config, bus, dbPath, seed, speed: "max", untilMs: HOURS * 3_600_000, log });
  } finally {
    await bus.close();
  }
  expect(status.marketsSettled).toBe(HOURS * 12);
  const db = openDb(dbPath, { readonly: true });
  try {
    // The belief each trade was made on (its intent's, for the side it bought), as audited.
    const intents = db.prepare("SELECT src AS agent, json_extract(detail_json, '$.marketId') AS market, json_extract(detail_json, '$.belief') AS belief FROM audit_log WHERE kind = 'intent' ORDER BY seq").all() as Array<{ agent: string; market: string; belief: number }>;
    const beliefs = new Map(intents.map((i) => [`${i.agent}/${i.market}`, i.belief]));
    const rows = db
      .prepare(
        `SELECT s.agent_id AS agent, s.market_id AS market, s.pnl_micro AS pnl, s.winner AS winner, f.outcome AS outcome, f.cost AS cost, f.price AS price
           FROM settlements s JOIN (SELECT agent_id, market_id, MIN(outcome) AS outcome, -SUM(cash_delta_micro) AS cost,
                                           SUM(price_micro * size_micro) * 1.0 / SUM(size_micro) AS price
                                      FROM fills GROUP BY agent_id, market_id) f
             ON f.agent_id = s.agent_id AND f.market_id = s.market_id
          ORDER BY s.agent_id, s.market_id`,
      )
      .all() as Array<{ agent: Agent; market: string; pnl: number; winner: string; outcome: string; cost: number; price: number }>;
    const out: Record<Agent, Trade[]> = { informed: [], eager: [], naive: [] };
    for (const r of rows) {
      if (!(r.cost > 0)) continue;
      out[r.agent].push({ ret: r.pnl / r.cost, belief: beliefs.get(`${r.agent}/${r.market}`) ?? NaN, price: r.price / 1e6, won: r.winner === r.outcome });
    }
    return out;
  } finally {
    db.close();
  }
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

describe("edge: no taker on public data beats the calibrated makers after fee and spread", () => {
  it(`over ${SEEDS.length} seeds × ${HOURS} h of 5-minute windows`, async () => {
    const pooled: Record<Agent, Trade[]> = { informed: [], eager: [], naive: [] };
    for (const seed of SEEDS) {
      const r = await run(seed);
      const line = AGENTS.map((a) => {
        const m = meanInterval(r[a].map((t) => t.ret));
        pooled[a].push(...r[a]);
        return `${a} ${m.n} trades, PnL/trade ${pct(m.mean)}`;
      });
      console.log(`[edge] seed ${seed}: ${line.join("; ")}`);
    }
    const stats = Object.fromEntries(
      AGENTS.map((a) => {
        const m = meanInterval(pooled[a].map((t) => t.ret));
        const belief = brier(pooled[a].map((t) => ({ p: t.belief, up: t.won })));
        const price = brier(pooled[a].map((t) => ({ p: t.price, up: t.won })));
        console.log(
          `[edge] pooled ${a}: ${m.n} trades, mean return ${pct(m.mean)} [${pct(m.lo)}, ${pct(m.hi)}] (t ${m.t.toFixed(2)}); Brier of its beliefs ${belief?.toFixed(4)}, of the prices it paid ${price?.toFixed(4)}`,
        );
        return [a, { m, belief: belief ?? NaN, price: price ?? NaN }];
      }),
    ) as Record<Agent, { m: ReturnType<typeof meanInterval>; belief: number; price: number }>;
    expect(stats.informed.m.n).toBeGreaterThanOrEqual(5);
    expect(stats.eager.m.n).toBeGreaterThanOrEqual(100);
    expect(stats.naive.m.n).toBeGreaterThanOrEqual(100);
    for (const a of AGENTS) expect(stats[a].m.lo, `${a}: a detectable positive edge`).toBeLessThanOrEqual(0);
    expect(stats.eager.belief).toBeGreaterThanOrEqual(stats.eager.price - 0.01);
  }, 180_000);
});

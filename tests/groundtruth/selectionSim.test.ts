import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type Db } from "../../state/index.ts";
import { tmpDir } from "../helpers/tmp.ts";
import { edgeFigures, runSelectionSim, settledReturns, type SelectionRun } from "./index.ts";

/*
 * The selection sim (tests/fixtures/selection: BTC 5-minute windows, the default roster, oracle-1
 * and coin-flip-1) for a day of floor time: the ground truth behaves as named on the whole floor,
 * beside the roster and through the boss and the exchange. GROUNDTRUTH_DAYS and GROUNDTRUTH_SEED
 * run it longer or on another seed; it prints what selection would see (trades a day, SR per
 * trade, MinTRL in trades and days, PSR, DSR) and the wall time per simulated day.
 */
const DAYS = Number(process.env.GROUNDTRUTH_DAYS ?? 1);
const SEED = Number(process.env.GROUNDTRUTH_SEED ?? 1);
const WINDOWS = DAYS * 288;

const tmp = tmpDir("selection-sim");
let run: SelectionRun;
let db: Db;

beforeAll(async () => {
  run = await runSelectionSim({ seed: SEED, days: DAYS, dbPath: tmp.path("floor.db") });
  db = openDb(tmp.path("floor.db"), { readonly: true });
  const f = edgeFigures(settledReturns(db), DAYS);
  console.log(`[groundtruth] seed ${SEED}, ${DAYS} d: wall ${(run.wallMs / 1000).toFixed(1)} s (${(run.wallMs / 1000 / DAYS).toFixed(1)} s per simulated day), truth ${run.truthMs.toFixed(0)} ms; ${f.trials} trials`);
  for (const a of f.agents) {
    console.log(`[groundtruth] ${a.agentId}: ${a.trades} trades (${a.tradesPerDay.toFixed(0)}/day), mean ${(100 * a.mean).toFixed(2)}%, SR ${a.sr.toFixed(4)} (skew ${a.skew.toFixed(2)}, kurt ${a.kurt.toFixed(2)}), PSR ${a.psr.toFixed(3)}, MinTRL ${a.minTrl.toFixed(0)} trades = ${a.minTrlDays.toFixed(2)} d, DSR ${a.dsr.toFixed(3)} (SR0 ${a.sr0.toFixed(4)})`);
  }
}, 900_000);
afterAll(() => {
  db?.close();
  tmp.remove();
});

interface Fill {
  price: number;
  fee: number;
  liquidity: string;
  won: number;
}
/** An agent's fills, each with whether the side it bought won. */
const fillsOf = (agentId: string) =>
  db
    .prepare("SELECT f.price_micro / 1e6 AS price, f.fee_usd_micro AS fee, f.liquidity AS liquidity, f.outcome = m.outcome AS won FROM fills f JOIN markets m ON m.market_id = f.market_id WHERE f.agent_id = ? AND f.side = 'BUY' AND m.outcome IS NOT NULL")
    .all(agentId) as Fill[];
/** Wins beyond what the prices paid expected, in standard deviations (a fair price wins as often as it says). */
function excessWins(fills: readonly Fill[]): number {
  const expected = fills.reduce((a, f) => a + f.price, 0);
  const variance = fills.reduce((a, f) => a + f.price * (1 - f.price), 0);
  return (fills.reduce((a, f) => a + f.won, 0) - expected) / Math.sqrt(variance);
}

describe(`the selection sim over ${DAYS} day(s)`, () => {
  it("settles every window as the oracle was told (simOutcomes), our orders notwithstanding", () => {
    const markets = db.prepare("SELECT market_id AS id, outcome FROM markets WHERE outcome IS NOT NULL").all() as Array<{ id: string; outcome: string }>;
    expect(markets).toHaveLength(WINDOWS);
    for (const m of markets) expect(run.truth.get(m.id), m.id).toBe(m.outcome);
  });

  it("the oracle trades most windows and wins far more often than the prices it paid said", () => {
    // Not every window: the boss pauses a trader for an hour after five losing windows in a row (risk.lossStreak).
    const returns = settledReturns(db).get("oracle-1") ?? [];
    expect(returns.length).toBeGreaterThan(0.6 * WINDOWS);
    const fills = fillsOf("oracle-1");
    expect(excessWins(fills)).toBeGreaterThan(2); // about 5 expected in a day: ~250 fills, each about 0.15 likelier to win than its price said
    const oracle = edgeFigures(settledReturns(db), DAYS).agents.find((a) => a.agentId === "oracle-1")!;
    // Past its MinTRL within the day: its SR (about 0.3 a trade) is significant at 95% (about 5 standard errors expected).
    expect(oracle.trades).toBeGreaterThan(oracle.minTrl);
    expect(oracle.psr).toBeGreaterThan(0.95);
  });

  it("the coin flipper trades most windows as a taker, paying the fee every time, and wins only as often as its prices said", () => {
    expect((settledReturns(db).get("coin-flip-1") ?? []).length).toBeGreaterThan(0.6 * WINDOWS);
    const fills = fillsOf("coin-flip-1");
    expect(fills.length).toBeGreaterThan(1.5 * WINDOWS); // four moments a window, those priced inside [0.2, 0.8]
    expect(fills.every((f) => f.liquidity === "taker" && f.fee > 0)).toBe(true);
    expect(Math.abs(excessWins(fills))).toBeLessThan(3);
  });
});

import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { loadDataset, planReplay, writePolyfloorFormat } from "../../floor/replay/index.ts";
import type { BacktestReport } from "../../floor/backtest/index.ts";
import { openDb } from "../../state/index.ts";
import { floor } from "../helpers/floorCli.ts";
import { floorInProcess } from "../helpers/floorInProcess.ts";
import { DECEMBER_WEEK, JULY_DAY, describeData } from "../helpers/sharedData.ts";
import { tmpDir } from "../helpers/tmp.ts";

const tmp = tmpDir("backtest");
afterAll(() => tmp.remove());

/** A floor.yaml whose agents folder holds momentum-1 and the fair-value trader (1 h volatility, 5-point edge). */
function withFairValue(): string {
  const dir = tmp.path("fv-config");
  mkdirSync(join(dir, "agents"), { recursive: true });
  writeFileSync(join(dir, "floor.yaml"), "capital: 10000\n");
  writeFileSync(join(dir, "agents", "momentum-1.yaml"), "id: momentum-1\nkind: trader\nstrategy: momentum\n");
  writeFileSync(join(dir, "agents", "fv-1.yaml"), "id: fv-1\nkind: trader\nstrategy: fairValue\nparams:\n  lookbackSec: 3600\n  minEdge: 0.05\n");
  return join(dir, "floor.yaml");
}

async function backtest(data: string, db: string, extra: string[] = []): Promise<BacktestReport & { db: string }> {
  const r = await floor(["backtest", "--data", data, "--db", db, "--json", ...extra]);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as BacktestReport & { db: string };
}

function settledInLedger(db: string): number {
  const d = openDb(db, { readonly: true });
  try {
    return (d.prepare("SELECT COUNT(*) AS n FROM markets WHERE outcome IS NOT NULL").get() as { n: number }).n;
  } finally {
    d.close();
  }
}

describeData("backtest of the December 2025 week (Binance 1m, Up-token history)", DECEMBER_WEEK, () => {
  it("runs the whole floor over the week, gives every replayed market an outcome, and agrees with decisive last prices", async () => {
    const r = await backtest(DECEMBER_WEEK, tmp.path("dec.db"), ["--config", withFairValue()]);
    expect(r.dataset.format).toBe("updown-week");
    expect(r.dataset.windows).toBe(670);
    // Only a window that opened before the candles begin (no strike recorded) cannot be replayed.
    expect(r.dataset.replayed).toBeGreaterThanOrEqual(669);
    expect(r.outcomes.given + r.outcomes.derived).toBe(r.dataset.replayed);
    expect(r.outcomes.derived).toBe(r.dataset.replayed); // this data records no outcomes
    expect(settledInLedger(r.db)).toBe(r.dataset.replayed);
    expect(r.checks.decisiveLastPrice.markets).toBeGreaterThan(300);
    expect(r.checks.decisiveLastPrice.rate).toBeGreaterThanOrEqual(0.98);
    expect(r.trading.fills).toBeGreaterThan(0);
    // Every rejection is explained; amounts are stripped so reasons group.
    for (const why of Object.keys(r.rejections)) expect(why).not.toMatch(/\d/);
    // The fill rule is stated; only windows with recorded Up prices have a book, so only they trade.
    expect(r.fills.rule).toMatch(/recorded after t \+ 1000 ms/);
    expect(r.fills.windowsWithPrices).toBe(440);
    expect(r.fills.pnlMeasurable).toBe(true);
    const fv = r.agents.find((a) => a.id === "fv-1")!;
    // Scored beside the market at the same moments: a plain N(d2) forecaster knows no more than the market...
    expect(fv.forecasts.vsMarket.n).toBeGreaterThan(5000);
    expect(fv.forecasts.vsMarket.skill!.lo).toBeLessThan(0);
    expect(fv.forecasts.vsMarket.skill!.hi).toBeGreaterThan(0);
    expect(fv.forecasts.calibration.market.reduce((n, b) => n + b.n, 0)).toBe(fv.forecasts.vsMarket.n);
    // ...so its PnL, with no stale quote to take (it made +$4,818 under the old replay), is zero within error.
    expect(fv.pnl!.windows).toBeGreaterThan(50);
    expect(fv.pnl!.ci!.lo).toBeLessThan(0);
    expect(fv.pnl!.ci!.hi).toBeGreaterThan(0);
    expect(fv.warnings).toEqual([]);
    // The data records no fees: December 2025 predates them, and the report says it assumed so.
    expect(r.fees.schedules).toEqual([expect.objectContaining({ source: "assumed", rate: 0, markets: r.dataset.replayed, note: expect.stringMatching(/before 2026-01-05/) })]);
    expect([r.fees.paidUsd, r.fees.paidShares, r.fees.override]).toEqual([0, 0, null]);
  });

  it("replays a what-if fee schedule over every market and reports it", async () => {
    const day = ["--from", "2025-12-15T00:00:00Z", "--to", "2025-12-16T00:00:00Z"];
    const r = await backtest(DECEMBER_WEEK, tmp.path("dec-whatif.db"), [...day, "--fees", "0.07,1", "--maker-rebate", "0.2"]);
    expect(r.fees.override).toBe("--fees 0.07,1 in usd; maker rebate 20%");
    expect(r.fees.schedules).toEqual([{ source: "override", rate: 0.07, exponent: 1, currency: "usd", makerRebate: 0.2, takerRebate: 0, markets: r.dataset.replayed, note: "what-if --fees 0.07,1 in usd; maker rebate 20%" }]);
    expect(r.fees.paidUsd).toBeGreaterThan(0);
    expect(r.fees.paidShares).toBe(0);
    const text = await floor(["backtest", "--data", DECEMBER_WEEK, "--db", tmp.path("dec-whatif-text.db"), ...day, "--fees", "0.25,2,shares"]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/what-if: --fees 0\.25,2 in shares/);
    expect(text.stdout).toMatch(/96 markets {2}rate 0\.25, exponent 2, in shares, maker rebate 0%, taker rebate 0%: what-if/);
  });

  it("prints the agreement rate in the human report", async () => {
    const r = await floor(["backtest", "--data", DECEMBER_WEEK, "--db", tmp.path("dec-text.db"), "--from", "2025-12-15T00:00:00Z", "--to", "2025-12-16T00:00:00Z"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/derived vs decisive last Up price \(>= 0\.9 or <= 0\.1\): \d+\/\d+ agree, \d+\.\d%/);
    expect(r.stdout).toMatch(/96 replayed of 96 windows/);
  });

  it("round-trips through the floor's own format (docs/DATA.md) to the same ledger", async () => {
    const dir = tmp.path("dec-native");
    writePolyfloorFormat(dir, loadDataset(DECEMBER_WEEK, { from: Date.parse("2025-12-14T00:00:00Z"), to: Date.parse("2025-12-15T00:00:00Z") }));
    expect(planReplay(loadDataset(dir)).markets.map((m) => [m.marketId, m.outcome, m.strike])).toEqual(
      planReplay(loadDataset(DECEMBER_WEEK, { from: Date.parse("2025-12-14T00:00:00Z"), to: Date.parse("2025-12-15T00:00:00Z") })).markets.map((m) => [m.marketId, m.outcome, m.strike]),
    );
    const a = await backtest(dir, tmp.path("native.db"));
    const b = await backtest(DECEMBER_WEEK, tmp.path("orig.db"), ["--from", "2025-12-14T00:00:00Z", "--to", "2025-12-15T00:00:00Z"]);
    expect(a.dataset.format).toBe("polyfloor");
    expect(a.ledgerHash).toBe(b.ledgerHash);
  });
});

describeData("backtest of the July 2026 5-minute day (Chainlink ticks, official outcomes)", JULY_DAY, () => {
  it("replays on the Chainlink ticks; derived outcomes match the official ones for at least 99% of derivable markets", async () => {
    const r = await backtest(JULY_DAY, tmp.path("jul.db"));
    // No recorded market prices: forecasts are scored, PnL is not measurable, and nothing traded.
    expect(r.fills.pnlMeasurable).toBe(false);
    expect(r.fills.pnlNote).toBe("PnL not measurable: no recorded market prices");
    expect(r.trading.realizedPnl).toBeNull();
    expect(r.trading.fills).toBe(0);
    expect(r.agents[0]!.pnl).toBeNull();
    expect(r.agents[0]!.forecasts.n).toBeGreaterThan(1000);
    expect(r.agents[0]!.forecasts.vsMarket.n).toBe(0);
    expect(r.dataset.format).toBe("chainlink-day");
    expect(r.dataset.spotSource).toMatch(/Chainlink/);
    expect(r.dataset.replayed).toBeGreaterThanOrEqual(280);
    expect(r.outcomes.given).toBe(r.dataset.replayed);
    expect(r.checks.official.markets).toBeGreaterThanOrEqual(270);
    expect(r.checks.official.rate).toBeGreaterThanOrEqual(0.99);
    expect(settledInLedger(r.db)).toBe(r.dataset.replayed);
    // July 2026 markets charge taker fees (V2, recorded with each market), in pUSD by the current docs.
    expect(r.fees.schedules).toEqual([
      { source: "data", rate: 0.07, exponent: 1, currency: "usd", makerRebate: 0.2, takerRebate: 0, markets: r.dataset.replayed, note: expect.stringMatching(/recorded with the market; currency usd by its era/) },
    ]);
    // The recording has gaps in its Chainlink ticks: the feed reports them, and the auditor records them.
    expect(r.health.gaps).toBeGreaterThan(0);
    const d = openDb(r.db, { readonly: true });
    const gaps = (d.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE kind = 'feed_gap'").get() as { n: number }).n;
    d.close();
    expect(gaps).toBe(r.health.gaps);
  });

  it("prints no dollar figure without recorded prices; --synthetic-book trades against an invented book and says so", async () => {
    const span = ["--from", "2026-07-24T00:00:00Z", "--to", "2026-07-24T04:00:00Z"];
    const plain = await floor(["backtest", "--data", JULY_DAY, "--db", tmp.path("jul-text.db"), ...span]);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/PnL not measurable: no recorded market prices/);
    expect(plain.stdout).not.toMatch(/\$/);
    const r = await backtest(JULY_DAY, tmp.path("jul-synthetic.db"), [...span, "--synthetic-book"]);
    expect(r.fills.syntheticBook).toBe(true);
    expect(r.fills.pnlNote).toMatch(/^SYNTHETIC BOOK: \d+ of \d+ windows traded against a book the floor invented/);
    expect(r.trading.fills).toBeGreaterThan(0);
    expect(r.trading.feesUsd).toBeGreaterThan(0); // July 2026 markets charge taker fees, in pUSD
    expect(r.trading.feeShares).toBe(0);
  });
});

it("refuses what is not a dataset, and an existing database, with exit 2", async () => {
  const notData = tmp.path("empty");
  mkdirSync(notData);
  writeFileSync(tmp.path("exists.db"), "");
  const cases = [
    [["backtest"], /--data DIR is required/],
    [["backtest", "--data", tmp.path("missing")], /cannot read the folder/],
    [["backtest", "--data", notData], /not a replay dataset/],
    [["backtest", "--data", notData, "--from", "yesterday"], /invalid --from/],
    [["backtest", "--data", notData, "--fees", "0.07"], /--fees expects RATE,EXPONENT/],
    [["backtest", "--data", notData, "--maker-rebate", "0.2", "--taker-rebate", "half"], /--taker-rebate must be a number from 0 to 1/],
    // Checked before the data is read (so this holds whether or not the recorded data is present).
    [["backtest", "--data", notData, "--db", tmp.path("exists.db")], /exists: a backtest writes a fresh database/],
  ] as const;
  // In process (tests/helpers/floorInProcess.ts): each is refused before a floor runs.
  for (const [args, why] of cases) {
    const r = await floorInProcess([...args]);
    expect(r.code, args.join(" ")).toBe(2);
    expect(r.stderr).toMatch(why);
  }
});

import type { Interval } from "../stats/index.ts";
import type { Agreement, BacktestReport } from "./backtestReport.ts";
import type { AppliedSchedule } from "./feeSchedulesOf.ts";

const pct = (a: Agreement) => (a.rate === null ? "n/a" : `${(a.rate * 100).toFixed(1)}%`);
const usd = (x: number) => `${x < 0 ? "-" : ""}$${Math.abs(x).toFixed(2)}`;
const num = (x: number | null, d = 3) => (x === null ? "n/a" : x.toFixed(d));
const signed = (x: number, d: number) => `${x >= 0 ? "+" : ""}${x.toFixed(d)}`;
const ci = (i: Interval | null, f: (x: number) => string) => (i === null || !Number.isFinite(i.lo) ? "[interval n/a]" : `[95% ${f(i.lo)} .. ${f(i.hi)}]`);
const rate = (x: number) => `${signed(x * 100, 1)}%`;
const share = (x: number) => `${+(x * 100).toFixed(4)}%`;
const SOURCE = { data: "from the data", assumed: "assumed by era", override: "what-if" } as const;
const schedule = (s: AppliedSchedule) =>
  `  ${String(s.markets).padStart(4)} markets  rate ${s.rate}, exponent ${s.exponent}, in ${s.currency}, maker rebate ${share(s.makerRebate)}, taker rebate ${share(s.takerRebate)}: ${SOURCE[s.source]}${s.note ? ` (${s.note})` : ""}`;

/** `floor backtest` for people. */
export function formatBacktestReport(r: BacktestReport): string {
  const skipped = Object.entries(r.dataset.skipped).map(([why, n]) => `${n} (${why})`).join(", ") || "none";
  const sources = Object.entries(r.outcomes.bySource).map(([k, n]) => `${k} ${n}`).join(", ");
  const off = r.checks.official;
  const f = r.fills;
  const pnlText = r.trading.realizedPnl === null ? f.pnlNote ?? "PnL not measurable" : `realized pnl ${usd(r.trading.realizedPnl)}`;
  return [
    `backtest of ${r.dataset.source} (${r.dataset.format})`,
    `  spot         ${r.dataset.spotSource}`,
    `  span         ${r.dataset.from} .. ${r.dataset.to}`,
    `markets        ${r.dataset.replayed} replayed of ${r.dataset.windows} windows; skipped: ${skipped}`,
    `outcomes       ${r.outcomes.given} given, ${r.outcomes.derived} derived (${sources})`,
    `  check        derived vs decisive last Up price (>= 0.9 or <= 0.1): ${r.checks.decisiveLastPrice.agree}/${r.checks.decisiveLastPrice.markets} agree, ${pct(r.checks.decisiveLastPrice)}`,
    `  check        derived vs official outcome: ${off.agree}/${off.markets} agree, ${pct(off)}${off.notDerivable ? `; ${off.notDerivable} not derivable (no price near the open or close)` : ""}`,
    `fills          ${f.rule}`,
    `  prices       ${f.windowsWithPrices} windows with recorded Up prices, ${f.windowsWithoutPrices} without${f.syntheticBook ? " (synthetic book quoted there)" : ""}`,
    ...(f.pnlNote ? [`  note         ${f.pnlNote}`] : []),
    `trading        ${r.trading.orders} orders, ${r.trading.fills} fills, ${r.trading.settlements} settlements, ${pnlText}`,
    ...(r.trading.realizedPnl === null ? [] : [`fees           ${usd(r.fees.paidUsd)} in USD + ${r.fees.paidShares} shares paid; rebates accrued ${usd(r.fees.makerRebates)} maker, ${usd(r.fees.takerRebates)} taker${r.fees.override ? `; what-if: ${r.fees.override}` : ""}`]),
    ...(r.trading.realizedPnl === null ? [`fees           schedules${r.fees.override ? ` (what-if: ${r.fees.override})` : ""}:`] : []),
    ...r.fees.schedules.map(schedule),
    `rejected       ${Object.entries(r.rejections).map(([why, n]) => `${n} ${why}`).join("; ") || "none"}`,
    `data health    ${r.health.gaps} gap(s) in the recorded spot series, ${r.health.anomalies} implausible move(s) flagged`,
    "agents         (intervals: 95%, bootstrap over market windows; skill = market Brier - agent Brier at the same moments, > 0 means it knew more)",
    ...r.agents.flatMap((a) => {
      const v = a.forecasts.vsMarket;
      const money = a.pnl === null
        ? `  ${a.id.padEnd(20)} ${f.pnlNote ?? "PnL not measurable"}`
        : `  ${a.id.padEnd(20)} pnl ${usd(a.pnl.total)} ${ci(a.pnl.ci, usd)} over ${a.pnl.windows} windows; return per trade ${a.returnPerTrade ? `${rate(a.returnPerTrade.estimate)} ${ci(a.returnPerTrade, rate)}` : "n/a"}; ${a.fills} fills (${a.wins} won, ${a.losses} lost)`;
      return [
        money,
        `  ${"".padEnd(20)} forecasts ${a.forecasts.n}: brier ${num(a.forecasts.brier)}, log loss ${num(a.forecasts.logLoss)}; ${v.n > 0 ? `at the ${v.n} moments with a market price: agent ${num(v.brierAgent)} / ${num(v.logLossAgent)}, market ${num(v.brierMarket)} / ${num(v.logLossMarket)}` : "no market price at any of those moments to compare with"}`,
        ...(v.n > 0 ? [`  ${"".padEnd(20)} skill vs market ${v.skill ? `${signed(v.skill.estimate, 4)} ${ci(v.skill, (x) => signed(x, 4))}` : "n/a"} over ${v.markets} windows`] : []),
        ...a.warnings.map((w) => `  ${"".padEnd(20)} WARNING: ${w}`),
      ];
    }),
    `run            ${r.run.steps} steps in ${r.run.wallSeconds.toFixed(1)} s (${r.run.stepsPerSecond} steps/s)`,
    `ledger hash    ${r.ledgerHash}`,
  ].join("\n");
}

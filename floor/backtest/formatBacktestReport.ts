import type { Agreement, BacktestReport } from "./backtestReport.ts";
import type { AppliedSchedule } from "./feeSchedulesOf.ts";

const pct = (a: Agreement) => (a.rate === null ? "n/a" : `${(a.rate * 100).toFixed(1)}%`);
const usd = (x: number) => `${x < 0 ? "-" : ""}$${Math.abs(x).toFixed(2)}`;
const share = (x: number) => `${+(x * 100).toFixed(4)}%`;
const SOURCE = { data: "from the data", assumed: "assumed by era", override: "what-if" } as const;
const schedule = (s: AppliedSchedule) =>
  `  ${String(s.markets).padStart(4)} markets  rate ${s.rate}, exponent ${s.exponent}, in ${s.currency}, maker rebate ${share(s.makerRebate)}, taker rebate ${share(s.takerRebate)}: ${SOURCE[s.source]}${s.note ? ` (${s.note})` : ""}`;

/** `floor backtest` for people. */
export function formatBacktestReport(r: BacktestReport): string {
  const skipped = Object.entries(r.dataset.skipped).map(([why, n]) => `${n} (${why})`).join(", ") || "none";
  const sources = Object.entries(r.outcomes.bySource).map(([k, n]) => `${k} ${n}`).join(", ");
  const off = r.checks.official;
  return [
    `backtest of ${r.dataset.source} (${r.dataset.format})`,
    `  spot         ${r.dataset.spotSource}`,
    `  span         ${r.dataset.from} .. ${r.dataset.to}`,
    `markets        ${r.dataset.replayed} replayed of ${r.dataset.windows} windows; skipped: ${skipped}`,
    `outcomes       ${r.outcomes.given} given, ${r.outcomes.derived} derived (${sources})`,
    `  check        derived vs decisive last Up price (>= 0.9 or <= 0.1): ${r.checks.decisiveLastPrice.agree}/${r.checks.decisiveLastPrice.markets} agree, ${pct(r.checks.decisiveLastPrice)}`,
    `  check        derived vs official outcome: ${off.agree}/${off.markets} agree, ${pct(off)}${off.notDerivable ? `; ${off.notDerivable} not derivable (no price near the open or close)` : ""}`,
    `trading        ${r.trading.orders} orders, ${r.trading.fills} fills, ${r.trading.settlements} settlements, realized pnl ${usd(r.trading.realizedPnl)}, fees ${usd(r.trading.feesUsd)} + ${r.trading.feeShares} shares`,
    `fees           ${usd(r.fees.paidUsd)} in USD + ${r.fees.paidShares} shares paid; rebates accrued ${usd(r.fees.makerRebates)} maker, ${usd(r.fees.takerRebates)} taker${r.fees.override ? `; what-if: ${r.fees.override}` : ""}`,
    ...r.fees.schedules.map(schedule),
    `rejected       ${Object.entries(r.rejections).map(([why, n]) => `${n} ${why}`).join("; ") || "none"}`,
    `data health    ${r.health.gaps} gap(s) in the recorded spot series, ${r.health.anomalies} implausible move(s) flagged`,
    "agents",
    ...r.agents.map(
      (a) => `  ${a.id.padEnd(20)} pnl ${usd(a.pnl).padStart(10)}  fills ${String(a.fills).padStart(4)}  settled ${a.settled} (${a.wins} won, ${a.losses} lost)  brier ${a.brier === null ? "n/a" : a.brier.toFixed(3)} over ${a.forecasts} forecasts`,
    ),
    `run            ${r.run.steps} steps in ${r.run.wallSeconds.toFixed(1)} s (${r.run.stepsPerSecond} steps/s)`,
    `ledger hash    ${r.ledgerHash}`,
  ].join("\n");
}

import { LATENCY_LEGS, type Metrics } from "../../protocols/index.ts";

/** One labelled value of a series; null or undefined: the series has no value for it (it is removed). */
export type Sample = readonly [labels: Record<string, string>, value: number | null | undefined];

/** A Prometheus series the floor serves at `/metrics`, every one with an `agent` label (docs/METRICS.md lists them). */
export interface PromSeries {
  name: string;
  type: "gauge" | "counter";
  /** For the docs: the unit of the value. */
  unit: string;
  help: string;
  /** Labels beside `agent`. */
  labels?: readonly string[];
  samples(m: Metrics): readonly Sample[];
}

const usd = (micro: number | null | undefined) => (micro === null || micro === undefined ? micro : micro / 1_000_000);
const seconds = (ms: number | null | undefined) => (ms === null || ms === undefined ? ms : ms / 1_000);
const one = (value: (m: Metrics) => number | null | undefined) => (m: Metrics): readonly Sample[] => [[{}, value(m)]];

const series = (name: string, type: PromSeries["type"], unit: string, help: string, value: (m: Metrics) => number | null | undefined): PromSeries => ({ name, type, unit, help, samples: one(value) });

/**
 * Every series, built from the agent's latest `metrics.<agentId>` message (agent `floor`: the whole
 * floor). Money in USD, times in seconds (Prometheus' base units); counters are the monitor's
 * running totals (they restart from the ledger's figures with the monitor).
 */
export const PROM_SERIES: readonly PromSeries[] = [
  series("polyfloor_fills_total", "counter", "fills", "Fills booked for the agent.", (m) => m.fills),
  series("polyfloor_settled_total", "counter", "windows", "Windows settled with a position.", (m) => m.settled),
  series("polyfloor_wins_total", "counter", "windows", "Settled windows that made money.", (m) => m.wins),
  series("polyfloor_losses_total", "counter", "windows", "Settled windows that did not (break-even included).", (m) => m.losses),
  series("polyfloor_fees_usd_total", "counter", "USD", "Taker fees paid (share fees valued at the fill price).", (m) => usd(m.feesUsd)),
  series("polyfloor_turnover_usd_total", "counter", "USD", "Notional traded: price times size of every fill, both sides.", (m) => usd(m.turnover)),
  series("polyfloor_realized_pnl_usd", "gauge", "USD", "Realized PnL: the settled windows' payouts less their cost, fees included.", (m) => usd(m.realizedPnl)),
  series("polyfloor_unrealized_pnl_usd", "gauge", "USD", "Open positions marked at the mid of the latest two-sided book (at cost without one), less their cost.", (m) => usd(m.unrealizedPnl)),
  series("polyfloor_equity_usd", "gauge", "USD", "Basis (first allocation; the floor's deposits) plus realized and unrealized PnL.", (m) => usd(m.equity)),
  series("polyfloor_open_positions", "gauge", "positions", "Markets the agent holds shares in (the floor: every agent's).", (m) => m.openPositions),
  series("polyfloor_win_rate", "gauge", "ratio", "Wins over settled windows (of the last 2,000).", (m) => m.record?.winRate),
  series("polyfloor_avg_win_usd", "gauge", "USD", "Mean PnL of the winning windows.", (m) => usd(m.record?.avgWin)),
  series("polyfloor_avg_loss_usd", "gauge", "USD", "Mean PnL of the losing windows (0 or below).", (m) => usd(m.record?.avgLoss)),
  series("polyfloor_profit_factor", "gauge", "ratio", "Gross profit over the absolute gross loss.", (m) => m.record?.profitFactor),
  series("polyfloor_sharpe", "gauge", "ratio", "Per-window Sharpe ratio of returns pnl/cost, not annualised.", (m) => m.record?.sharpe),
  series("polyfloor_sortino", "gauge", "ratio", "Per-window Sortino ratio (target 0).", (m) => m.record?.sortino),
  series("polyfloor_psr", "gauge", "probability", "Probabilistic Sharpe ratio: P(true per-window Sharpe > 0).", (m) => m.record?.psr),
  series("polyfloor_max_drawdown_ratio", "gauge", "ratio", "Worst fall of equity from its running peak, as a fraction of the peak.", (m) => m.drawdown?.max),
  series("polyfloor_drawdown_ratio", "gauge", "ratio", "Fall of equity below its running peak now.", (m) => m.drawdown?.current),
  series("polyfloor_max_drawdown_duration_seconds", "gauge", "seconds", "Longest floor time under a previous equity peak.", (m) => seconds(m.drawdown?.longestMs)),
  series("polyfloor_forecasts_total", "counter", "beliefs", "Beliefs scored (their windows resolved).", (m) => m.forecast?.n),
  series("polyfloor_brier", "gauge", "score", "Brier score of the agent's beliefs (0 is perfect, 0.25 a constant 0.5).", (m) => m.forecast?.brier),
  series("polyfloor_market_brier", "gauge", "score", "Brier score of the market's mid at the same moments.", (m) => m.forecast?.marketBrier),
  series("polyfloor_log_loss", "gauge", "nats", "Mean log loss of the agent's beliefs.", (m) => m.forecast?.logLoss),
  series("polyfloor_skill", "gauge", "score", "The market's Brier minus the agent's (positive: it knew more).", (m) => m.forecast?.skill),
  {
    name: "polyfloor_calibration_forecasts",
    type: "gauge",
    unit: "beliefs",
    help: "Beliefs in a calibration bucket (p in [lo, lo + 0.1)).",
    labels: ["bucket"],
    samples: (m) => (m.forecast?.calibration ?? []).map((b) => [{ bucket: b.lo.toFixed(1) }, b.n] as const),
  },
  {
    name: "polyfloor_calibration_up_ratio",
    type: "gauge",
    unit: "ratio",
    help: "How often the bucket's windows resolved Up.",
    labels: ["bucket"],
    samples: (m) => (m.forecast?.calibration ?? []).map((b) => [{ bucket: b.lo.toFixed(1) }, b.freqUp] as const),
  },
  {
    name: "polyfloor_latency_seconds",
    type: "gauge",
    unit: "seconds (floor time)",
    help: "Latency of a leg of the order path, a quantile over the last 512 samples.",
    labels: ["leg", "quantile"],
    samples: (m) => LATENCY_LEGS.flatMap((leg) => [[{ leg, quantile: "0.5" }, seconds(m.latency?.[leg]?.p50)], [{ leg, quantile: "0.99" }, seconds(m.latency?.[leg]?.p99)]] as const),
  },
  series("polyfloor_uptime_seconds", "gauge", "seconds", "Floor time alive: between births or restarts and failures or retirements.", (m) => seconds(m.uptimeMs)),
  series("polyfloor_restarts_total", "counter", "restarts", "Restarts by its supervisor (the floor: every agent's).", (m) => m.restarts),
  series("polyfloor_metrics_timestamp_seconds", "gauge", "seconds since the epoch", "Floor time of the figures served (the monitor's last publish).", (m) => m.ts / 1_000),
];

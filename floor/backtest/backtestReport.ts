import type { ReplayPlan } from "../replay/index.ts";
import type { ReplayOptions } from "../host/index.ts";
import { auditCounts, listForecasts, listSettlements, readStatus, rejectionReasons, settlementRecord, type Db } from "../../state/index.ts";
import { agentResults, type AgentResult } from "./agentResults.ts";
import { fillRule, type FillRule } from "./fillRule.ts";
import { feeSchedulesOf, type AppliedSchedule } from "./feeSchedulesOf.ts";

export interface Agreement {
  markets: number;
  agree: number;
  rate: number | null;
}

export interface BacktestReport {
  dataset: { source: string; format: string; spotSource: string; windows: number; replayed: number; skipped: Record<string, number>; from: string; to: string };
  outcomes: { given: number; derived: number; bySource: Record<string, number> };
  checks: {
    /** Derived outcomes against the Up token's last recorded price where it is decisive (≥ 0.9 or ≤ 0.1). */
    decisiveLastPrice: Agreement;
    /** Derived outcomes against the official ones, where the data gives both; `notDerivable` lacked prices. */
    official: Agreement & { notDerivable: number };
  };
  /** `realizedPnl` is null when PnL is not measurable (no recorded market prices: see `fills.pnlNote`). */
  trading: { orders: number; fills: number; settlements: number; realizedPnl: number | null; feesUsd: number; feeShares: number };
  /**
   * The fee schedules applied (from the data, assumed by era, or a what-if), and what was paid
   * and accrued under them: fees in USD and in shares, rebates in USD.
   */
  fees: { schedules: AppliedSchedule[]; override: string | null; paidUsd: number; paidShares: number; makerRebates: number; takerRebates: number };
  /** Intents the boss turned down, by kind of reason (amounts stripped). */
  rejections: Record<string, number>;
  /** Data-health events the feed reported: gaps in the recorded spot, and implausible moves. */
  health: { gaps: number; anomalies: number };
  /** How orders met the recorded market, and whether PnL can be measured at all. */
  fills: FillRule;
  agents: Array<{ id: string; fills: number; settled: number; wins: number; losses: number } & AgentResult>;
  run: { steps: number; wallSeconds: number; stepsPerSecond: number };
  ledgerHash: string;
}

/** Rows by agent, in one pass. */
function byAgent<T extends { agentId: string }>(rows: readonly T[]): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const list = m.get(r.agentId);
    if (list) list.push(r);
    else m.set(r.agentId, [r]);
  }
  return m;
}

/** "order cost $212.44 exceeds the per-trade cap $200.00" -> "order cost exceeds the per-trade cap". */
const reasonKind = (reason: string) => reason.replace(/\s*\$?-?[\d.,]+( s)?( old)?/g, "").replace(/\(limit\)/, "").replace(/:\s*(book|spot)?$/, "").trim();

const agreement = (markets: number, agree: number): Agreement => ({ markets, agree, rate: markets === 0 ? null : agree / markets });

/** Everything `floor backtest` reports, from the plan and the ledger the run left. */
export function backtestReport(db: Db, plan: ReplayPlan, run: { steps: number; wallSeconds: number }, replay: ReplayOptions, seed = 1): BacktestReport {
  const d = plan.dataset;
  const count = <T>(xs: T[], key: (x: T) => string) => xs.reduce<Record<string, number>>((acc, x) => ((acc[key(x)] = (acc[key(x)] ?? 0) + 1), acc), {});
  let decisive = 0, decisiveAgree = 0, official = 0, officialAgree = 0, notDerivable = 0;
  for (const m of plan.markets) {
    const h = d.upPrices.get(m.marketId);
    const last = h && h.price.length > 0 ? h.price[h.price.length - 1]! : undefined;
    if (m.outcomeSource !== "given" && m.outcomeSource !== "derived-last-price" && last !== undefined && (last >= 0.9 || last <= 0.1)) {
      decisive++;
      if ((last >= 0.9 ? "Up" : "Down") === m.outcome) decisiveAgree++;
    }
    if (m.derivedCheck) {
      if (m.derivedCheck.outcome === undefined) notDerivable++;
      else {
        official++;
        if (m.derivedCheck.outcome === m.outcome) officialAgree++;
      }
    }
  }
  const s = readStatus(db);
  const record = settlementRecord(db);
  const forecasts = byAgent(listForecasts(db));
  const settlements = byAgent(listSettlements(db));
  const fills = fillRule(plan, replay);
  const bySource = count(plan.markets, (m) => m.outcomeSource);
  return {
    dataset: {
      source: d.source, format: d.format, spotSource: d.spotSource, windows: d.markets.length, replayed: plan.markets.length,
      skipped: count(plan.skipped, (x) => x.reason), from: new Date(plan.start).toISOString(), to: new Date(plan.end).toISOString(),
    },
    outcomes: { given: bySource.given ?? 0, derived: plan.markets.length - (bySource.given ?? 0), bySource },
    checks: { decisiveLastPrice: agreement(decisive, decisiveAgree), official: { ...agreement(official, officialAgree), notDerivable } },
    rejections: count(rejectionReasons(db), reasonKind),
    health: ((c) => ({ gaps: c.feed_gap ?? 0, anomalies: c.feed_anomaly ?? 0 }))(auditCounts(db)),
    trading: { orders: s.orders, fills: s.fills, settlements: s.settlements, realizedPnl: fills.pnlMeasurable ? s.realizedPnl : null, feesUsd: s.feesUsd, feeShares: s.feeShares },
    fills,
    fees: { schedules: feeSchedulesOf(plan.markets), override: plan.feeOverride ?? null, paidUsd: s.feesUsd, paidShares: s.feeShares, makerRebates: s.rebates, takerRebates: s.takerRebates },
    agents: s.agents
      .filter((a) => a.kind === "trader")
      .map((a) => {
        const r = record.get(a.id);
        const results = agentResults(forecasts.get(a.id) ?? [], settlements.get(a.id) ?? [], fills.pnlMeasurable, seed);
        return { id: a.id, fills: a.fills, settled: r?.settled ?? 0, wins: r?.wins ?? 0, losses: r?.losses ?? 0, ...results };
      }),
    run: { ...run, stepsPerSecond: run.wallSeconds > 0 ? Math.round(run.steps / run.wallSeconds) : 0 },
    ledgerHash: s.ledgerHash,
  };
}


import { MICRO } from "../../protocols/index.ts";
import type { Forecast } from "../../state/index.ts";
import { brier, calibrationTable, implausibility, logLoss, meanCi, skillVsMarket, type CalibrationBucket, type Interval, type PairedForecast, type SkillReport } from "../stats/index.ts";

/** An agent's result with its uncertainty: intervals are 95%, by bootstrap over market windows. */
export interface AgentResult {
  /** Realized PnL (USD) and its interval; null when PnL is not measurable. */
  pnl: { total: number; ci: Interval | null; windows: number } | null;
  /** Mean return per traded window (PnL over what it paid), with its interval. */
  returnPerTrade: Interval | null;
  forecasts: {
    n: number;
    brier: number | null;
    logLoss: number | null;
    /** The same beliefs beside the market's mid at the same moments; skill = market Brier − agent Brier. */
    vsMarket: SkillReport;
    calibration: { agent: CalibrationBucket[]; market: CalibrationBucket[] };
  };
  warnings: string[];
}

type Settled = { marketId: string; cost: number; pnl: number };

/** A resolved belief as the scoring functions take it: the agent's p(Up), the market's at that moment, what happened. */
export const toPaired = (f: Forecast): PairedForecast => ({ marketId: f.marketId, p: f.pUp, marketP: f.marketP, up: f.winner === "Up" });

/** Score one agent's beliefs and settled windows (`measurable`: whether its PnL means anything). */
export function agentResults(forecasts: readonly Forecast[], settled: readonly Settled[], measurable: boolean, seed: number): AgentResult {
  const resolved = forecasts.filter((f) => f.winner !== null);
  const rows = resolved.map((f) => ({ p: f.pUp, up: f.winner === "Up" }));
  const vsMarket = skillVsMarket(resolved.map(toPaired), { seed: `${seed}:skill` });
  const paired = resolved.filter((f) => f.marketP !== null).map((f) => ({ p: f.marketP!, up: f.winner === "Up" }));
  const pnlCi = measurable ? meanCi(settled.map((s) => s.pnl / MICRO), { seed: `${seed}:pnl` }) : null;
  const ret = measurable ? meanCi(settled.filter((s) => s.cost > 0).map((s) => s.pnl / s.cost), { seed: `${seed}:ret` }) : null;
  const pnl = measurable ? { total: settled.reduce((a, s) => a + s.pnl, 0) / MICRO, ci: pnlCi ? pick(pnlCi.sum) : null, windows: settled.length } : null;
  const returnPerTrade = ret ? pick(ret.mean) : null;
  const skill = vsMarket.skill ? { lo: vsMarket.skill.lo, hi: vsMarket.skill.hi } : null;
  return {
    pnl,
    returnPerTrade,
    forecasts: { n: rows.length, brier: brier(rows), logLoss: logLoss(rows), vsMarket, calibration: { agent: calibrationTable(rows), market: calibrationTable(paired) } },
    warnings: pnl?.ci ? implausibility({ pnl: pnl.ci, skill, returnPerTrade }) : [],
  };
}

const pick = (i: Interval): Interval => ({ estimate: i.estimate, lo: i.lo, hi: i.hi });

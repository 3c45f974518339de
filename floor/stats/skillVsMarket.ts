import { bootstrapCi, type BootstrapResult, type BootstrapSettings } from "./bootstrapCi.ts";
import { brier } from "./brier.ts";
import { checkProbability } from "./checkProbability.ts";
import type { Forecast } from "./Forecast.ts";
import { logLoss } from "./logLoss.ts";

/** The agent's probability of Up beside the market's implied one at the same moment. */
export interface PairedForecast {
  marketId: string;
  p: number;
  /** The market's implied probability of Up then; missing when there was no quote. */
  marketP: number | null | undefined;
  up: boolean;
}

export interface SkillReport {
  /** Paired forecasts scored, and the markets they fall in. */
  n: number;
  markets: number;
  /** Forecasts left out for want of a market probability. */
  unpaired: number;
  brierAgent: number | null;
  brierMarket: number | null;
  logLossAgent: number | null;
  logLossMarket: number | null;
  /** brierMarket − brierAgent: positive when the agent knows more than the market. Null when nothing is paired. */
  skill: BootstrapResult | null;
}

/**
 * Scores an agent against the market it trades. A good Brier score alone proves nothing (the
 * market's own price may score as well); only beating the price is an edge. The interval comes
 * from a cluster bootstrap over markets, paired: each resample scores agent and market on the
 * same forecasts, so what the two share (an easy week) cancels out of the difference.
 */
export function skillVsMarket(rows: readonly PairedForecast[], opts: BootstrapSettings): SkillReport {
  const agent: Forecast[] = [];
  const market: Forecast[] = [];
  // Per market: forecasts and the sum over them of (market error² − agent error²).
  const byMarket = new Map<string, { n: number; gain: number }>();
  for (const r of rows) {
    if (r.marketP === null || r.marketP === undefined || Number.isNaN(r.marketP)) continue;
    const y = r.up ? 1 : 0;
    const gain = (checkProbability(r.marketP) - y) ** 2 - (checkProbability(r.p) - y) ** 2;
    const m = byMarket.get(r.marketId) ?? { n: 0, gain: 0 };
    byMarket.set(r.marketId, { n: m.n + 1, gain: m.gain + gain });
    agent.push({ p: r.p, up: r.up });
    market.push({ p: r.marketP, up: r.up });
  }
  const skill = bootstrapCi({ clusters: [...byMarket.values()], statistic: meanGain, ...opts });
  return {
    n: agent.length,
    markets: byMarket.size,
    unpaired: rows.length - agent.length,
    brierAgent: brier(agent),
    brierMarket: brier(market),
    logLossAgent: logLoss(agent),
    logLossMarket: logLoss(market),
    skill,
  };
}

/** The Brier difference over a sample of markets, each forecast weighing the same. */
function meanGain(sample: ReadonlyArray<{ n: number; gain: number }>): number {
  let n = 0;
  let gain = 0;
  for (const m of sample) {
    n += m.n;
    gain += m.gain;
  }
  return gain / n;
}

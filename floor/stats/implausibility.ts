import type { Interval } from "./Interval.ts";

export interface Evidence {
  /** Interval on the run's PnL (total or mean per market: only where it stands against zero is read). */
  pnl: { lo: number; hi: number };
  /** Interval on the agent's skill against the market (`skillVsMarket`); null when not measured. */
  skill: { lo: number; hi: number } | null;
  /** Mean return per trade as a fraction of what it staked (0.05 = 5%), with its interval. */
  returnPerTrade?: Interval | null;
  /** The mean return per trade above which a positive interval is suspect (default 0.20). */
  maxReturnPerTrade?: number;
}

/**
 * Why 20%: these markets are close to efficient, and a taker pays the fee, about 1.75 points at
 * 0.50 (0.07 × 0.5 × 0.5 per share), plus half the spread, before any edge counts. Earning 20% on
 * a token bought at 0.50 means it was worth about 0.62: a twelve-point mispricing on every trade,
 * where a few points would already be remarkable. A backtest that finds that has more likely
 * filled at prices no one offered.
 */
export const MAX_PLAUSIBLE_RETURN_PER_TRADE = 0.2;

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

/**
 * Plain-language warnings for results that are more likely a bug in the simulation than an edge:
 * money made without the forecasts to explain it, and returns too large for these markets. An
 * empty array means nothing looked wrong, not that the result is right.
 */
export function implausibility(e: Evidence): string[] {
  const warnings: string[] = [];
  const profit = e.pnl.lo > 0;
  if (profit && e.skill === null) {
    warnings.push("profit whose interval excludes zero from an agent whose forecasts were never compared with the market's: measure its skill, and check the fills (stale quotes, look-ahead) before believing it");
  } else if (profit && e.skill !== null && e.skill.lo <= 0) {
    warnings.push("profit whose interval excludes zero from an agent whose forecasts are no better than the market's: check the fills (stale quotes, look-ahead) before believing it");
  }
  if (e.pnl.hi < 0 && e.skill !== null && e.skill.lo > 0) {
    warnings.push("loss whose interval excludes zero from an agent whose forecasts beat the market's: the edge is real but fees, spread or sizing eat it");
  }
  const r = e.returnPerTrade;
  const max = e.maxReturnPerTrade ?? MAX_PLAUSIBLE_RETURN_PER_TRADE;
  if (r && r.lo > 0 && r.estimate > max) {
    warnings.push(
      `mean return per trade ${pct(r.estimate)} (interval ${pct(r.lo)} to ${pct(r.hi)}) is above ${pct(max)}: these markets are close to efficient and the fee and spread cost about 1.75 points at 0.50, so look for fills at prices no one offered before believing it`,
    );
  }
  return warnings;
}

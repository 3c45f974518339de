import { marketPriceTimes, type ReplayPlan } from "../../../floor/replay/index.ts";

/**
 * The typical time between two recorded market prices of one window (the median gap, e.g. 60 s
 * for `/prices-history` at 1-minute fidelity), or 0 when none are recorded. The replay announces it
 * so that the boss does not call a book stale that the data could not have refreshed sooner.
 */
export function bookCadenceMs(plan: ReplayPlan): number {
  const gaps: number[] = [];
  for (const m of plan.markets) {
    const ts = marketPriceTimes(plan.dataset, m);
    for (let i = 1; i < ts.length; i++) gaps.push(ts[i]! - ts[i - 1]!);
  }
  if (gaps.length === 0) return 0;
  gaps.sort((a, b) => a - b);
  return gaps[Math.floor(gaps.length / 2)]!;
}

import type { BusKind, FloorRunResult, FloorRunSkipped } from "./floorRate.ts";
import { sig } from "./stats.ts";

/** What the population-scale work aims at (the issue "the strategy playbook"); reported beside the figures, never asserted. */
export const SCALE_AIM = { maxCostMicrosPerTraderPerMarketEvent: 1, minRate200Over20: 0.1 } as const;

export const COST_FORMULA =
  "(wall(N)/hours(N) - wall(1)/hours(1)) / ((N - 1) * marketEvents(N)/hours(N)), in µs: the wall time each trader beyond the first adds per market event, per floor hour";

export interface FloorScale {
  bus: BusKind;
  formula: string;
  /** By trader count N (runs of this bus other than 1 trader): µs of wall time per trader per market event. */
  costMicrosPerTraderPerMarketEvent: Record<string, number>;
  /**
   * The one-trader floor's whole wall time per market event, µs: with one trader its share cannot be
   * told from the feed's, the exchange's and the boss's, so this is the most that one trader costs.
   */
  oneTraderFloorMicrosPerMarketEvent: number;
  /** market events/s with 200 traders over those with 20 (null without both runs). */
  rate200Over20: number | null;
  aim: typeof SCALE_AIM;
}

/**
 * How the floor's cost grows with its traders, from the momentum runs of one bus: the marginal
 * wall time per trader per market event, normalised per floor hour (the runs simulate different
 * hours), and the ratio of the 200-trader rate to the 20-trader rate. Null when a run is missing.
 */
export function floorScale(bus: BusKind, runs: ReadonlyArray<FloorRunResult | FloorRunSkipped>): FloorScale | null {
  const done = runs.filter((r): r is FloorRunResult => r.bus === bus && r.marketEventsPerSec !== null && r.roster === undefined);
  const one = done.find((r) => r.traders === 1);
  if (!one) return null;
  const perHour = (r: FloorRunResult) => r.wallSeconds / r.floorHours;
  const cost: Record<string, number> = {};
  for (const r of done) {
    if (r.traders <= 1) continue;
    const eventsPerHour = r.marketEvents / r.floorHours;
    cost[String(r.traders)] = sig((1e6 * (perHour(r) - perHour(one))) / ((r.traders - 1) * eventsPerHour), 3);
  }
  const rate = (n: number) => done.find((r) => r.traders === n)?.marketEventsPerSec;
  const r200 = rate(200);
  const r20 = rate(20);
  return { bus, formula: COST_FORMULA, costMicrosPerTraderPerMarketEvent: cost, oneTraderFloorMicrosPerMarketEvent: sig((1e6 * one.wallSeconds) / one.marketEvents, 3), rate200Over20: r200 && r20 ? sig(r200 / r20, 3) : null, aim: SCALE_AIM };
}

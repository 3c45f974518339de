import { z } from "zod";
import { ordered, type Outcome } from "../../protocols/index.ts";
import { createRng } from "../../floor/random/createRng.ts";
import { defineStrategy, entryParams, updatable, type MarketView, type View } from "../../agents/trader/core/index.ts";

/** Its parameters: bounded both ways, so the boss perturbs a clone's inside them (a clone still sees more than 0.5). */
export const OracleParams = z
  .object({
    /** Chance that the outcome it learns is the true one (0.5 would be no information, 1 the truth). */
    accuracy: updatable(z.number().min(0.55).max(0.95).default(0.7)),
    /** Seconds before a window's close at which it learns the outcome (up to a 15-minute window's length: a clone's stays near its parent's). */
    leadSec: updatable(z.number().int().min(30).max(900).default(240)),
    /**
     * Its noise: the same seed is wrong about the same windows. A clone's is its parent's scaled by
     * up to ±cloneScale, so a large one (the default) gives each clone a stream of its own.
     */
    seed: updatable(z.number().int().min(0).max(1_000_000).default(500_000)),
    ...entryParams({ minEdge: 0.02, kellyFraction: 0.25, entryAfterSec: 0, exitBeforeSec: 5, maxPrice: 0.8, minPrice: 0.2 }),
  })
  .strict()
  .superRefine(ordered(["minPrice", "maxPrice"]));
export type OracleParams = z.infer<typeof OracleParams>;

/** What the test knows of the future: a window's true outcome, once the window is one the test computed. */
export type Truth = (marketId: string) => Outcome | undefined;

/**
 * The known positive edge, for tests of selection only (registered by tests/helpers/withStrategies.ts,
 * never in agents/trader/strategies/): `leadSec` before each window's close it learns the window's
 * outcome from `truth` (handed over by the test, e.g. simOutcomes of the same sim and seed), right
 * with probability `accuracy`, wrong otherwise (a seeded draw per window). Its belief is the book's
 * mid until then and the posterior after: the mid's odds times accuracy/(1 − accuracy) toward the
 * side it learnt. The core buys the side that belief prices above the book by `minEdge` after the
 * fee, sized by fractional Kelly, once a window. Whatever the book, the signal is independent of it
 * given the outcome, so the posterior is right and the edge real: at a mid of 0.5 it wins `accuracy`
 * of its trades.
 */
export function oracle(truth: Truth) {
  return defineStrategy({ name: "oracle", params: OracleParams, create: (p) => oracleView(p, truth) });
}

function oracleView(p: OracleParams, truth: Truth): View {
  /** The window's draw (uniform in [0, 1)): it learns right when the draw is below `accuracy`. */
  let draw = { label: "", u: 0 };
  const drawOf = (marketId: string): number => {
    const label = `oracle/${p.seed}/${marketId}`;
    if (draw.label !== label) draw = { label, u: createRng(label).next() };
    return draw.u;
  };
  /** What it learnt of a window, given the window's outcome: the outcome, or the other one. */
  const learnt = (m: MarketView, now: number): Outcome | undefined => {
    if (now < m.endTs - p.leadSec * 1000) return undefined;
    const t = truth(m.marketId);
    if (t === undefined) return undefined;
    return drawOf(m.marketId) < p.accuracy ? t : t === "Up" ? "Down" : "Up";
  };
  return {
    horizonSec: 1,
    ready: () => true,
    pUp(d, now) {
      const m = d.market;
      const mid = d.lastMid;
      if (!m || mid === undefined) return undefined;
      const s = learnt(m, now);
      if (s === undefined) return mid;
      const odds = (mid / (1 - mid)) * (s === "Up" ? p.accuracy / (1 - p.accuracy) : (1 - p.accuracy) / p.accuracy);
      return odds / (1 + odds);
    },
    fires: (d, now) => d.market !== null && learnt(d.market, now) !== undefined,
  };
}

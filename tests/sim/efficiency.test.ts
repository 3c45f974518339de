import { existsSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { loadDataset, marketBrier, planReplay, poolBrier, priceAt, settlePriceAt, type BriefWindow, type BrierAt, type ReplayDataset } from "../../floor/replay/index.ts";
import { SimConfig } from "../../protocols/index.ts";
import { briefWindows, recordSimMarket, type BookShape, type SimTape } from "../helpers/recordSimMarket.ts";
import { DECEMBER_WEEK, describeData } from "../helpers/sharedData.ts";

/**
 * Is the simulated market as efficient as the real one, measured the same way on both
 * (docs/SIMULATOR.md, "Efficiency")? At minutes 5 and 10 of each 15-minute window, Brier scores
 * against the outcome (floor/replay/marketBrier.ts) of:
 * - last-before: the market's last recorded Up price at or before the moment (the December
 *   recording has a point about 10 s past each minute, so it is about 50 s old; the sim's mid is
 *   sampled the same way);
 * - next-after: the next recorded price (about 10 s later);
 * - model: upProbability(spot at the moment, strike, realised volatility of the last hour of
 *   1-minute returns, time left);
 * - fresh (sim only): the book's mid at the moment itself.
 *
 * Real: the December week (../shared/data), windows and outcomes as planReplay settles them; when
 * the data is absent, the figures measured on it (below) stand in, and the test says so.
 * Sim: the default config's feed alone (tests/helpers/recordSimMarket.ts), seeds 1, 2, 3, two days
 * each, pooled.
 *
 * Bands (each can fail; the figures are in docs/SIMULATOR.md):
 * - the spot walk and outcome law: the model's Brier within ±15% of the real one at minute 5 and
 *   ±30% at minute 10. The December week was unusually predictable at minute 10 (0.115, standard
 *   error 0.008; a driftless Brownian walk gives 0.134 and the sim about 0.14): its last five
 *   minutes moved less than Brownian scaling says and continued the first ten (variance ratio 0.43
 *   against 0.5, correlation +0.10), a momentum the walk does not model and the makers cannot mend;
 * - the market's price, in the same bands: the sim's next-after, fresh mid and last-before against
 *   the real next-after (the nearest to a fresh price the recording has) and last-before;
 * - the market's skill against the model (next-after / model) within ±0.05 of the real ratio;
 * - a stale price costs: last-before is worse than next-after, in the sim as in the data;
 * - the fresh mid is no worse than the model by more than 0.005, and not better by more than
 *   0.02 (a mid cannot know the future; what it may know beyond the model is the volatility
 *   regime and the jumps' law);
 * - the book: around 0.50 (mid 0.3..0.7) the median spread is 1–2 cents and the 90th percentile
 *   at most 3 (real crypto books: 1.0 and 2.8); the median depth within 5 cents of the mid is
 *   $5k–$15k on each side.
 */

const MINUTES = [5, 10] as const;
const SEEDS = [1, 2, 3];
const HOURS = 48;

/** Measured on the December week with planReplay's windows (438 windows at each minute); used only when the data is absent. */
const MEASURED: Record<(typeof MINUTES)[number], Pick<BrierAt, "n" | "lastBefore" | "nextAfter" | "model" | "se">> = {
  5: { n: 438, lastBefore: 0.2076, nextAfter: 0.1907, model: 0.1879, se: { lastBefore: 0.0086, nextAfter: 0.0085, model: 0.0082 } },
  10: { n: 438, lastBefore: 0.1329, nextAfter: 0.1121, model: 0.1149, se: { lastBefore: 0.009, nextAfter: 0.0091, model: 0.0083 } },
};
/** Issue 10 item 6's figures (strike = Binance at the open, outcome = Binance at the close against it). */
const ISSUE: Record<(typeof MINUTES)[number], { lastBefore: number; nextAfter: number; model: number }> = {
  5: { lastBefore: 0.209, nextAfter: 0.191, model: 0.193 },
  10: { lastBefore: 0.131, nextAfter: 0.111, model: 0.116 },
};
const AT = MINUTES.map((m) => m * 60);
/** Relative band on each Brier score, by minute (see above for why minute 10 is wider). */
const BAND: Record<(typeof MINUTES)[number], number> = { 5: 0.15, 10: 0.3 };
const OPTS = { maxSpotAgeMs: 60_000 };

/** The week's windows with a price history, strike and outcome as planReplay settles them (a recorded Chainlink strike where there is one). */
function plannedWindows(d: ReplayDataset): BriefWindow[] {
  return planReplay(d).markets.flatMap((m) => {
    const up = d.upPrices.get(m.marketId);
    return up ? [{ startTs: m.startTs, endTs: m.endTs, strike: m.strike, outcome: m.outcome, up }] : [];
  });
}

/** The same windows with the strike and the outcome both from Binance (the open at the window's start and end), as the issue measured. */
function binanceWindows(d: ReplayDataset): BriefWindow[] {
  return plannedWindows(d).flatMap((w) => {
    const strike = priceAt(d.spot, w.startTs, d.maxSpotAgeMs);
    const end = settlePriceAt(d.spot, w.endTs, d.maxSpotAgeMs);
    return strike === undefined || end === undefined ? [] : [{ ...w, strike, outcome: end >= strike ? ("Up" as const) : ("Down" as const) }];
  });
}

const fmt = (b: Pick<BrierAt, "n" | "lastBefore" | "nextAfter" | "model"> & { se?: BrierAt["se"] }) => {
  const x = (f: "lastBefore" | "nextAfter" | "model") => `${b[f].toFixed(4)}${b.se ? `±${b.se[f].toFixed(4)}` : ""}`;
  return `n ${b.n} last-before ${x("lastBefore")} next-after ${x("nextAfter")} model ${x("model")}`;
};
const quantile = (xs: readonly number[], q: number) => [...xs].sort((a, b) => a - b)[Math.floor(q * (xs.length - 1))]!;

describeData("efficiency: the December week measured", DECEMBER_WEEK, () => {
  it("reproduces the issue's figures: exactly with Binance strikes, within 0.01 with planReplay's", () => {
    const d = loadDataset(DECEMBER_WEEK);
    const planned = marketBrier(plannedWindows(d), d.spot, AT, OPTS);
    const binance = marketBrier(binanceWindows(d), d.spot, AT, OPTS);
    MINUTES.forEach((min, k) => {
      console.log(`[efficiency] real minute ${min}, planReplay strikes: ${fmt(planned[k]!)}; Binance strikes: ${fmt(binance[k]!)}; issue: ${JSON.stringify(ISSUE[min])}`);
      for (const f of ["lastBefore", "nextAfter", "model"] as const) {
        expect(Math.abs(binance[k]![f] - ISSUE[min][f]), `${f} at minute ${min}, Binance strikes`).toBeLessThan(0.001);
        expect(Math.abs(planned[k]![f] - ISSUE[min][f]), `${f} at minute ${min}, planReplay`).toBeLessThan(0.01);
        expect(Math.abs(planned[k]![f] - MEASURED[min][f]), `${f} at minute ${min}: MEASURED is stale`).toBeLessThan(0.0001);
      }
    });
  });
});

describe("efficiency: the simulated market against the real one", () => {
  let real: Array<Pick<BrierAt, "n" | "lastBefore" | "nextAfter" | "model" | "se">>;
  let grid: BrierAt[];
  let fresh: BrierAt[];
  let shapes: BookShape[];

  beforeAll(() => {
    if (existsSync(DECEMBER_WEEK)) {
      const d = loadDataset(DECEMBER_WEEK);
      real = marketBrier(plannedWindows(d), d.spot, AT, OPTS);
    } else {
      console.warn(`[efficiency] no recorded data at ${DECEMBER_WEEK}: comparing with the figures measured on it (MEASURED in this file)`);
      real = MINUTES.map((m) => MEASURED[m]);
    }
    const sim = SimConfig.parse({});
    const tapes: SimTape[] = SEEDS.map((seed) => recordSimMarket(sim, seed, HOURS));
    const per = (everySec: number, offsetSec: number) => tapes.map((t) => marketBrier(briefWindows(t.windows, everySec, offsetSec), t.spot, AT, OPTS));
    const gridPer = per(60, 10);
    const freshPer = per(1, 0);
    SEEDS.forEach((seed, i) =>
      MINUTES.forEach((min, k) => console.log(`[efficiency] sim seed ${seed} minute ${min}: ${fmt(gridPer[i]![k]!)}; fresh mid ${freshPer[i]![k]!.lastBefore.toFixed(4)}`)),
    );
    grid = MINUTES.map((_, k) => poolBrier(gridPer.map((p) => p[k]!)));
    fresh = MINUTES.map((_, k) => poolBrier(freshPer.map((p) => p[k]!)));
    MINUTES.forEach((min, k) => console.log(`[efficiency] minute ${min}: real ${fmt(real[k]!)} | sim pooled ${fmt(grid[k]!)}, fresh mid ${fresh[k]!.lastBefore.toFixed(4)}`));
    shapes = tapes.flatMap((t) => t.windows.flatMap((w) => w.shape)).filter((s) => s.mid >= 0.3 && s.mid <= 0.7);
  });

  it.each(MINUTES.map((m, k) => [m, k] as const))("minute %i: model and market Brier within the band of the real ones", (min, k) => {
    const r = real[k]!;
    const s = grid[k]!;
    const within = (what: string, sim: number, ref: number) =>
      expect(Math.abs(sim / ref - 1), `${what}: sim ${sim.toFixed(4)} against real ${ref.toFixed(4)}`).toBeLessThanOrEqual(BAND[min]);
    within("model", s.model, r.model);
    within("next-after", s.nextAfter, r.nextAfter);
    within("fresh mid against the real next-after", fresh[k]!.lastBefore, r.nextAfter);
    within("last-before", s.lastBefore, r.lastBefore);
  });

  it.each(MINUTES.map((m, k) => [m, k] as const))("minute %i: the market's skill against the model as in the data, and a stale price costs", (_min, k) => {
    const r = real[k]!;
    const s = grid[k]!;
    expect(Math.abs(s.nextAfter / s.model - r.nextAfter / r.model)).toBeLessThanOrEqual(0.05);
    expect(s.lastBefore).toBeGreaterThan(s.nextAfter);
    expect(r.lastBefore).toBeGreaterThan(r.nextAfter);
  });

  it.each(MINUTES.map((m, k) => [m, k] as const))("minute %i: the fresh mid is about as good as the model", (_min, k) => {
    const f = fresh[k]!;
    expect(f.lastBefore).toBeLessThanOrEqual(f.model + 0.005);
    expect(f.lastBefore).toBeGreaterThanOrEqual(f.model - 0.02);
  });

  it("the book around 0.50: a 1–2 cent spread, at most 3 cents at the 90th percentile, $5k–$15k a side within 5 cents", () => {
    const spreads = shapes.map((s) => s.spread).filter((x) => !Number.isNaN(x));
    const bid = quantile(shapes.map((s) => s.bidUsd), 0.5);
    const ask = quantile(shapes.map((s) => s.askUsd), 0.5);
    console.log(`[efficiency] sim book at mid 0.3..0.7 (${shapes.length} minutes): spread median ${quantile(spreads, 0.5).toFixed(3)}, p90 ${quantile(spreads, 0.9).toFixed(3)}; depth within 5 cents: bids $${bid.toFixed(0)}, asks $${ask.toFixed(0)}`);
    expect(quantile(spreads, 0.5)).toBeGreaterThanOrEqual(0.01 - 1e-9);
    expect(quantile(spreads, 0.5)).toBeLessThanOrEqual(0.02 + 1e-9);
    expect(quantile(spreads, 0.9)).toBeLessThanOrEqual(0.03 + 1e-9);
    for (const usd of [bid, ask]) {
      expect(usd).toBeGreaterThanOrEqual(5_000);
      expect(usd).toBeLessThanOrEqual(15_000);
    }
  });
});

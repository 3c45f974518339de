import type { SimConfig } from "../../../protocols/index.ts";
import { createRng, type Rng } from "../../../floor/random/createRng.ts";
import { sigmaPerSecond, type SpotModel, type SpotState } from "../simSpot.ts";

/** One symbol's spot walk (shared by every series on that symbol). */
export interface Walk {
  symbol: string;
  startPrice: number;
  model: SpotModel;
  /** Per-second diffusive volatility at volMult 1: the makers price with this times the current volMult. */
  sigma: number;
  state: SpotState | undefined;
  /** The last `maxLag + 1` prices, oldest first. */
  history: number[];
  rng: Rng;
}

/** A walk's random stream: its own fork of the seed, so that nothing else the sim draws (books, flow, our orders) moves it. */
export const walkStream = (base: string | number, symbol: string): Rng => createRng(base).fork(`spot/${symbol}`);

/**
 * The sim's spot walks, one per symbol of `sim.series` in the order the series first name it (the
 * order the feed publishes them), each with its own model (a series' `volAnnual` or the sim's) and
 * stream, not yet started (`state` is set at the first step, at `startPrice`).
 */
export function simWalks(sim: SimConfig, seed: number): Map<string, Walk> {
  const walks = new Map<string, Walk>();
  for (const s of sim.series) {
    if (walks.has(s.symbol)) continue;
    const model: SpotModel = { volAnnual: s.volAnnual ?? sim.volAnnual, volOfVol: sim.volOfVol, volHalfLifeMin: sim.volHalfLifeMin, jumpProb: sim.jumpProb, jumpSigmas: sim.jumpSigmas };
    walks.set(s.symbol, { symbol: s.symbol, startPrice: s.startPrice, state: undefined, history: [], rng: walkStream(seed, s.symbol), model, sigma: sigmaPerSecond(model.volAnnual) });
  }
  return walks;
}

import { microFromNumber, type Outcome, type SimConfig } from "../../../protocols/index.ts";
import { STEP_MS } from "../../../floor/host/index.ts";
import { marketSlug, outcomeOf, windowStart } from "../marketWindow.ts";
import { stepSpot } from "../simSpot.ts";
import { simWalks } from "./simWalks.ts";

/**
 * How every window the sim opens in its first `untilMs` resolves, by market id, for `seed`: the
 * walks stepped as the feed steps them (a step a second from `sim.start`, each on its own stream),
 * strikes and closes taken at the same steps, and nothing else (no book, no flow, no floor). The
 * walks draw from their own streams only, so neither the makers, the public's flow nor our orders
 * move them: a floor run with this config and seed settles each of these windows this way, as a
 * fresh run or an exact resume (docs/RESUME.md). For tests: the outcomes are the future, which
 * only test code may hand a strategy (the oracle, tests/groundtruth/).
 */
export function simOutcomes(sim: SimConfig, seed: number, untilMs: number): Map<string, Outcome> {
  const start = Date.parse(sim.start);
  const walks = simWalks(sim, seed);
  for (const w of walks.values()) w.state = { price: w.startPrice, volMult: 1 };
  const live = sim.series.map((cfg) => ({ cfg, lenMs: cfg.marketMinutes * 60_000, walk: walks.get(cfg.symbol)!, openTs: undefined as number | undefined, strike: 0 }));
  const out = new Map<string, Outcome>();
  for (let now = start; now <= start + untilMs; now += STEP_MS) {
    for (const w of walks.values()) w.state = stepSpot(w.state!, w.model, STEP_MS / 1000, w.rng);
    // As the feed's step: a window due closes on this step's price, then the next one opens on it.
    for (const s of live) {
      const price = microFromNumber(s.walk.state!.price);
      if (s.openTs !== undefined && now >= s.openTs + s.lenMs) {
        out.set(marketSlug(s.cfg.asset, s.cfg.marketMinutes, s.openTs), outcomeOf(price, s.strike));
        s.openTs = undefined;
      }
      if (s.openTs === undefined && now - windowStart(now, s.lenMs) < STEP_MS) {
        s.openTs = now;
        s.strike = price;
      }
    }
  }
  return out;
}

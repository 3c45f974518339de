import { describe, expect, it } from "vitest";
import { MICRO, type FeeSchedule } from "../../protocols/index.ts";
import { upProbability } from "../../floor/pricing/index.ts";
import { createRng } from "../../floor/random/createRng.ts";
import { meanCi } from "../../floor/stats/index.ts";
import { MarketEngine, type EngineEvent } from "../../agents/exchange/engine/index.ts";
import { recordedBook } from "../../agents/feed/index.ts";
import { pickEntry, type MarketView } from "../../agents/trader/core/index.ts";

/*
 * The replay's fill rule on a synthetic recording where the market is right: the Up price equals
 * the true fair value, recorded once a minute (at :06, as /prices-history is), while spot moves every
 * second. A taker that knows spot and the true volatility forecasts as well as anyone can. Under
 * the old rule (the book re-quoted each second around the last recorded price, filled at once) it
 * takes stale quotes and earns; under the replay's rule (an order meets only a book recorded after
 * it arrives) it pays the spread and the fee, and earns nothing.
 */

const WINDOW_S = 900;
const SIGMA = 0.5 / Math.sqrt(365 * 24 * 3600); // 50% a year, per second
const FEE: FeeSchedule = { rate: 0.07, exponent: 1, takerOnly: true };
const TICK = 10_000;
const RULES = { minEdge: 0.03, maxPrice: 0.95, minPrice: 0.05, kellyFraction: 0.25 };

/** One window of the recording: spot each second, the recorded Up price at second 6 of each minute. */
function window(rng: ReturnType<typeof createRng>) {
  const spot = [100_000];
  for (let t = 1; t <= WINDOW_S; t++) spot.push(spot[t - 1]! * Math.exp(SIGMA * rng.normal() - (SIGMA * SIGMA) / 2));
  const fair = (t: number) => upProbability(spot[t]!, spot[0]!, SIGMA, WINDOW_S - t);
  return { spot, fair, up: spot[WINDOW_S]! >= spot[0]!, recorded: (t: number) => t % 60 === 6 };
}

/** PnL in USD of one window for the informed taker, under the old rule (`fresh` false) or the replay's. */
function trade(w: ReturnType<typeof window>, fresh: boolean): number | undefined {
  const e = new MarketEngine({ tickSize: TICK, minSize: 5 * MICRO, fee: FEE, rebateRate: 0, freshQuotes: fresh });
  const m: MarketView = { marketId: "m", upTokenId: "1", downTokenId: "2", strike: w.spot[0]!, startTs: 0, endTs: WINDOW_S * 1000, fee: FEE, tickSize: TICK, minSize: 5 * MICRO };
  let last: number | undefined; // the last recorded price
  let cash = 0, shares = 0, outcome: "Up" | "Down" | undefined, entered = false;
  const book = (events: EngineEvent[]) => events.forEach((x) => x.type === "fill" && ((cash += x.cashDelta), (shares += x.sharesDelta)));
  for (let t = 0; t < WINDOW_S - 5; t++) {
    const now = t * 1000;
    if (w.recorded(t)) last = w.fair(t);
    if (last === undefined) continue;
    // What the taker sees: the last recorded price's book. The old rule re-quotes it every second
    // as if it were current; the replay publishes it only when it is recorded.
    const b = recordedBook(last, TICK);
    if (!fresh || w.recorded(t)) book(e.snapshot(b, now));
    else book(e.advance(now));
    if (entered) continue;
    const s = pickEntry(m, w.fair(t), b.bids[0]?.price, b.asks[0]?.price, RULES, 1000 * MICRO);
    if (!s) continue;
    entered = true;
    outcome = s.outcome;
    book(e.submit({ orderId: "o", side: "BUY", outcome: s.outcome, price: s.price, size: s.size, type: "FAK" }, now, fresh ? 1000 : 0));
  }
  book(e.close(WINDOW_S * 1000));
  if (shares === 0) return undefined;
  return (cash + (outcome === (w.up ? "Up" : "Down") ? shares : 0)) / MICRO;
}

function run(fresh: boolean, seeds: number): number[] {
  const pnl: number[] = [];
  for (let seed = 1; seed <= seeds; seed++) {
    const rng = createRng(seed).fork("stale-quotes");
    for (let i = 0; i < 12; i++) {
      const r = trade(window(rng), fresh);
      if (r !== undefined) pnl.push(r);
    }
  }
  return pnl;
}

describe("the replay's fill rule on a recording where the market is right", () => {
  it("the old rule pays a spot-informed taker for stale quotes; the replay's rule does not", () => {
    const old = meanCi(run(false, 100), { seed: 1 })!;
    const honest = meanCi(run(true, 100), { seed: 1 })!;
    // Old rule: clearly profitable per trade (the quotes it takes are up to a minute old).
    expect(old.n).toBeGreaterThan(100);
    expect(old.mean.lo).toBeGreaterThan(0);
    // Replay rule: it trades less (its limit is often gone by the next recorded price), and what it
    // does trade earns nothing: the interval of its mean PnL includes zero or lies below it.
    expect(honest.n).toBeGreaterThan(30);
    expect(honest.mean.lo).toBeLessThan(0);
    expect(honest.mean.estimate).toBeLessThan(old.mean.estimate);

  });
});

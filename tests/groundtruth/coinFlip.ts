import { z } from "zod";
import { MICRO, ordered, type Outcome } from "../../protocols/index.ts";
import { createRng } from "../../floor/random/createRng.ts";
import { defineStrategy, entryParams, updatable, type MarketView, type View, type Wish } from "../../agents/trader/core/index.ts";

/** Sizes in hundredths of a share, as the CLOB takes them. */
const SHARE_STEP = 10_000;

/** Its parameters: bounded both ways, so the boss could perturb a clone's inside them. */
export const CoinFlipParams = z
  .object({
    /** Entries a window, each at a random moment of its entry span, on a side drawn at random. */
    entries: updatable(z.number().int().min(1).max(20).default(2)),
    /** Shares bought at each entry (a fixed stake: what it risks does not follow its luck). */
    shares: updatable(z.number().min(5).max(100).default(10)),
    /** Its coin: the same seed makes the same choices in the same windows. */
    seed: updatable(z.number().int().min(0).max(1_000_000).default(500_000)),
    // minEdge and kellyFraction are not used: it wants no edge and stakes `shares`.
    ...entryParams({ minEdge: 0, kellyFraction: 0.25, entryAfterSec: 0, exitBeforeSec: 10, maxPrice: 0.8, minPrice: 0.2 }),
  })
  .strict()
  .superRefine(ordered(["minPrice", "maxPrice"]));
export type CoinFlipParams = z.infer<typeof CoinFlipParams>;

interface Flip {
  ts: number;
  outcome: Outcome;
}

/**
 * The known negative edge, for tests of selection only (registered by tests/helpers/withStrategies.ts,
 * never in agents/trader/strategies/): in each window it draws `entries` moments of the entry span
 * and a side for each (a seeded draw per window), and at each moment buys `shares` of that side
 * at the book's ask as a taker (a FAK), paying the spread and the fee; a moment when that price is
 * outside [minPrice, maxPrice] or no ask is quoted passes. It knows nothing: its belief is the
 * book's mid, and in an efficient book each entry loses the half spread and the fee per share on
 * average, its sides independent of the outcome and of each other.
 */
export const coinFlip = defineStrategy({ name: "coinFlip", params: CoinFlipParams, create: coinFlipView });

function coinFlipView(p: CoinFlipParams): View {
  let flips: Flip[] = [];
  let next = 0;
  /** The window's moments and sides, from its own stream: the same whatever happened before it (a restart, another window). */
  function draw(m: MarketView): Flip[] {
    const rng = createRng(`coinFlip/${p.seed}/${m.marketId}`);
    const from = m.startTs + p.entryAfterSec * 1000;
    const span = Math.max(0, m.endTs - p.exitBeforeSec * 1000 - from);
    return Array.from({ length: p.entries }, () => ({ ts: from + Math.floor(rng.next() * span), outcome: (rng.next() < 0.5 ? "Up" : "Down") as Outcome })).sort((a, b) => a.ts - b.ts);
  }
  return {
    horizonSec: 1,
    ready: () => true,
    onMarket(_d, m) {
      flips = m ? draw(m) : [];
      next = 0;
    },
    pUp: (d) => d.lastMid,
    plan(d, now): Wish[] {
      // A FAK still at the venue: wait for its news before the next moment is taken.
      const book = d.book;
      if (!book || d.working.some((w) => w.order.type === "FAK")) return [];
      const wishes: Wish[] = [];
      for (; next < flips.length && flips[next]!.ts <= now; next++) {
        const { outcome } = flips[next]!;
        const price = outcome === "Up" ? book.ask : book.bid === undefined ? undefined : MICRO - book.bid;
        if (price === undefined || price / MICRO < p.minPrice || price / MICRO > p.maxPrice) continue;
        wishes.push({ outcome, side: "BUY", type: "FAK", price, size: Math.floor((p.shares * MICRO) / SHARE_STEP) * SHARE_STEP, belief: price / MICRO });
      }
      return wishes;
    },
    describe: () => ({ flips: flips.length, next }),
    save: () => ({ flips, next }),
    restore(st) {
      const s = st as { flips: Flip[]; next: number };
      flips = s.flips.map((f) => ({ ...f }));
      next = s.next;
    },
  };
}

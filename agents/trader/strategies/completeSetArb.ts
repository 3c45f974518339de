import { z } from "zod";
import { feeCurrency, MICRO, ordered, type FeeSchedule, type Outcome } from "../../../protocols/index.ts";
import { defineStrategy, entryParams, orderCost, updatable, type MarketData, type MarketView, type View, type Wish } from "../core/index.ts";

/** Sizes in hundredths of a share, as the CLOB takes them. */
const SHARE_STEP = 10_000;

/** Its parameters; `updatable` ones apply to a running trader, the others restart it. */
export const CompleteSetArbParams = z
  .object({
    /** Most complete sets (pairs of one Up and one Down share) it holds in a window. */
    maxSets: updatable(z.number().min(5).max(2000).default(100)),
    // minEdge: a set must cost at most 1 − minEdge, both taker fees included. kellyFraction is not used: a set's payoff is certain.
    ...entryParams({ minEdge: 0.005, kellyFraction: 1, entryAfterSec: 0, exitBeforeSec: 10, maxPrice: 0.99, minPrice: 0.01 }),
  })
  .strict()
  .superRefine(ordered(["minPrice", "maxPrice"]));
export type CompleteSetArbParams = z.infer<typeof CompleteSetArbParams>;

/**
 * Complete-set arbitrage: one Up and one Down share always pay exactly 1 together, so when the
 * two tokens' asks plus both taker fees cost less than 1 − `minEdge` it buys both, as FAKs at
 * those asks, as many sets as both asks show, its budget pays for and `maxSets` allows.
 * Leg risk: when one leg fills and the other does not (or less), it completes the set at the
 * missing token's ask if the set still costs under 1 after fees, else it sells the lone shares
 * back at their bid (a FAK SELL). It needs the Down token's own book (`d.downBook`): the Up book's
 * mirror (a Down ask of 1 − the Up bid) never offers a set under 1, since Up ask + (1 − Up bid)
 * is 1 plus the spread. No feed publishes a Down book today, so it never fires in the sim or a
 * replay (docs/STRATEGIES.md).
 */
export const completeSetArb = defineStrategy({ name: "completeSetArb", params: CompleteSetArbParams, create: completeSetArbStrategy });

/** What one share bought as a taker at `price` costs in pUSD per share that arrives: price plus fee in pUSD, price over the shares left after a fee in shares. */
export function legCost(price: number, fee: FeeSchedule): number {
  const p = price / MICRO;
  const f = fee.rate * (p * (1 - p)) ** fee.exponent;
  return feeCurrency(fee) === "usd" ? price + f * MICRO : price / (1 - f);
}

interface Quote {
  price: number;
  size: number;
}

/** The best price to buy (`ask`) or sell (`bid`) a token at: its own book's, or the other token's mirror (the CLOB matches a Down buy at c with an Up buy at 1 − c), whichever is better. */
export function bestPrices(d: Pick<MarketData, "book" | "downBook">): Record<Outcome, { ask: Quote | undefined; bid: Quote | undefined }> {
  const up = d.book;
  const down = d.downBook;
  const q = (price: number | undefined, size: number | undefined): Quote | undefined => (price === undefined ? undefined : { price, size: size ?? 0 });
  const mirror = (x: Quote | undefined): Quote | undefined => (x ? { price: MICRO - x.price, size: x.size } : undefined);
  const lower = (a: Quote | undefined, b: Quote | undefined) => (!a ? b : !b ? a : b.price < a.price ? b : a);
  const higher = (a: Quote | undefined, b: Quote | undefined) => (!a ? b : !b ? a : b.price > a.price ? b : a);
  const upAsk = q(up?.ask, up?.askSize);
  const upBid = q(up?.bid, up?.bidSize);
  const downAsk = q(down?.ask, down?.askSize);
  const downBid = q(down?.bid, down?.bidSize);
  return {
    Up: { ask: lower(upAsk, mirror(downBid)), bid: higher(upBid, mirror(downAsk)) },
    Down: { ask: lower(downAsk, mirror(upBid)), bid: higher(downBid, mirror(upAsk)) },
  };
}

const step = (micro: number) => Math.floor(micro / SHARE_STEP) * SHARE_STEP;
const other = (o: Outcome): Outcome => (o === "Up" ? "Down" : "Up");

function completeSetArbStrategy(p: CompleteSetArbParams): View {
  /** The limit each leg was last bought at (what it paid, at most), so a lone leg knows what completing it would cost. */
  let paid: Partial<Record<Outcome, number>> = {};
  const inRange = (price: number) => price / MICRO >= p.minPrice && price / MICRO <= p.maxPrice;
  // No view on the outcome: each leg's belief is its own price.
  const taker = (outcome: Outcome, side: "BUY" | "SELL", price: number, size: number): Wish => ({ outcome, side, type: "FAK", price, size, belief: price / MICRO });

  /** One leg filled without the other: complete the set while it still costs under 1 after fees, else sell the lone shares back. */
  function legOut(m: MarketView, d: MarketData, excess: number, free: number): Wish[] {
    const lone: Outcome = excess > 0 ? "Up" : "Down";
    const missing = other(lone);
    const size = step(Math.abs(excess));
    if (size < m.minSize) return []; // under the venue's minimum: held to the settlement
    const px = bestPrices(d);
    const ask = px[missing].ask;
    const had = paid[lone];
    if (ask && had !== undefined && inRange(ask.price) && legCost(had, m.fee) + legCost(ask.price, m.fee) < MICRO) {
      let n = step(Math.min(size, ask.size));
      while (n >= m.minSize && orderCost({ price: ask.price }, n, m.fee) > free) n -= SHARE_STEP;
      if (n >= m.minSize) {
        paid[missing] = ask.price;
        return [taker(missing, "BUY", ask.price, n)];
      }
    }
    const bid = px[lone].bid;
    return bid ? [taker(lone, "SELL", bid.price, size)] : [];
  }

  return {
    horizonSec: 1,
    ready: () => true,
    onMarket() {
      paid = {};
    },
    plan(d, _now, budget) {
      const m = d.market;
      // Legs still at the venue: wait for their news (the core never doubles a FAK of the same token and side).
      if (!m || d.working.some((w) => w.order.type === "FAK")) return [];
      const excess = d.position.up - d.position.down;
      if (excess !== 0) return legOut(m, d, excess, budget.free);
      const px = bestPrices(d);
      const up = px.Up.ask;
      const down = px.Down.ask;
      if (!up || !down || !inRange(up.price) || !inRange(down.price)) return [];
      const perSet = legCost(up.price, m.fee) + legCost(down.price, m.fee);
      if (!(perSet < MICRO - Math.round(p.minEdge * MICRO))) return [];
      let n = step(Math.min(p.maxSets * MICRO - d.position.up, up.size, down.size));
      while (n >= m.minSize && orderCost({ price: up.price }, n, m.fee) + orderCost({ price: down.price }, n, m.fee) > budget.free) n -= SHARE_STEP;
      if (n < m.minSize) return [];
      paid = { Up: up.price, Down: down.price };
      return [taker("Up", "BUY", up.price, n), taker("Down", "BUY", down.price, n)];
    },
    save: () => ({ paid }),
    restore(st) {
      paid = { ...(st as { paid: Partial<Record<Outcome, number>> }).paid };
    },
  };
}

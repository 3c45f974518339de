import { z } from "zod";
import { MICRO, ordered } from "../../../protocols/index.ts";
import { upProbability } from "../../../floor/pricing/index.ts";
import { defineStrategy, entryParams, updatable, type MarketData, type View, type Wish } from "../core/index.ts";

/** Sizes in hundredths of a share, as the CLOB takes them. */
const SHARE_STEP = 10_000;

/** Its parameters; `updatable` ones apply to a running trader, the others restart it. */
export const MarketMakerParams = z
  .object({
    /** Seconds of spot history used to estimate realised volatility (sizes its history: a restart). */
    lookbackSec: z.number().int().min(30).max(3600).default(300),
    /** Weight of the book's mid in its fair value (0: the model alone, 1: the mid alone). */
    midWeight: updatable(z.number().min(0).max(1).default(0)),
    /** Shares per quote. */
    quoteShares: updatable(z.number().min(5).max(1000).default(50)),
    /** Most net inventory (Up shares − Down shares, either way) it carries: beyond it, it quotes only the side that reduces it. */
    maxInventory: updatable(z.number().min(5).max(5000).default(150)),
    /** How far both quotes move against the inventory when it is at `maxInventory` (probability; proportional below). */
    skew: updatable(z.number().min(0).max(0.2).default(0.02)),
    /** Half spread in standard deviations of fair value's move over one second (φ(d)/√τ): wider where the price moves fast. */
    /** A working quote within fewer than this many ticks of the price wanted stays (and keeps its queue place): 1 requotes on every tick of fair value. */
    requoteTicks: updatable(z.number().int().min(1).max(10).default(2)),
    volSpread: updatable(z.number().min(0).max(10).default(2)),
    // minEdge is its least half spread: each quote at least this far from fair value (after the skew), rounded away onto the tick.
    // kellyFraction is not used: quotes are `quoteShares` each.
    ...entryParams({ minEdge: 0.002, kellyFraction: 0.25, entryAfterSec: 10, exitBeforeSec: 30, maxPrice: 0.95, minPrice: 0.05 }),
  })
  .strict()
  .superRefine(ordered(["minPrice", "maxPrice"], ["quoteShares", "maxInventory"]));
export type MarketMakerParams = z.infer<typeof MarketMakerParams>;

/**
 * Market maker: two-sided post-only quotes around a fair value. Fair value is the driftless
 * log-normal chance of Up from spot, strike, realised volatility and time left, optionally blended
 * with the book's mid (`midWeight`); it is also its published belief. It bids for Up at fair − h,
 * h the larger of `minEdge` and `volSpread` standard deviations of fair value's one-second move
 * (fairStepPerSec), and offers Up at fair + h as a BUY of Down at 1 − that price (it cannot
 * sell Up it does not hold; on Polymarket that is the same order on the same book). Holding shares,
 * it offers them instead: a post-only SELL of the Up it holds on the ask side, of the Down it holds
 * on the bid side. Inventory (Up − Down shares) moves both quotes against itself by `skew` at
 * `maxInventory`, and beyond `maxInventory` it quotes only the side that reduces it. The core
 * recomputes the plan on every book and after every fill, keeps the quotes whose price still
 * matches and replaces the rest (a requote when fair value moves a tick), and takes every quote
 * back outside the entry span (`exitBeforeSec` before the close). In `reducing` only its sells stand.
 */
export const marketMaker = defineStrategy({ name: "marketMaker", params: MarketMakerParams, create: marketMakerStrategy });

/**
 * How far the driftless log-normal digital's price moves in a second, one standard deviation:
 * P = Φ(d), d = ln(S/K)/(σ√τ), and a second moves ln S by σ, so dP ≈ φ(d)·σ/(σ√τ) = φ(d)/√τ
 * (σ cancels but for d). At the strike with 450 s left: 0.39894/√450 = 0.0188, nearly two cents.
 */
export function fairStepPerSec(spot: number, strike: number, sigmaPerSec: number, secondsLeft: number): number {
  if (secondsLeft <= 0 || sigmaPerSec <= 0) return 0;
  const z = Math.log(spot / strike) / (sigmaPerSec * Math.sqrt(secondsLeft));
  return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI) / Math.sqrt(secondsLeft);
}

/** The model's fair value of Up and how fast it moves (fairStepPerSec), from spot, strike, realised volatility and time left. */
function modelOf(d: MarketData, now: number): { p: number; step: number } | undefined {
  const m = d.market;
  const variance = d.spot.variancePerSec();
  if (!m || !variance || now >= m.endTs) return undefined;
  const sigma = Math.sqrt(variance);
  const left = (m.endTs - now) / 1000;
  const spot = d.spot.last();
  return { p: upProbability(spot, m.strike, sigma, left), step: fairStepPerSec(spot, m.strike, sigma, left) };
}

/** Its fair value of Up: the model, the book's mid, or the blend `midWeight` asks for; undefined without them. */
export function fairOf(d: MarketData, now: number, midWeight: number): number | undefined {
  return blend(modelOf(d, now)?.p, d.book, midWeight);
}

function blend(model: number | undefined, b: MarketData["book"], midWeight: number): number | undefined {
  const mid = midWeight > 0 && b?.bid !== undefined && b.ask !== undefined ? (b.bid + b.ask) / 2 / MICRO : undefined;
  if (mid === undefined) return midWeight < 1 ? model : undefined;
  if (model === undefined) return midWeight === 1 ? mid : undefined;
  return (1 - midWeight) * model + midWeight * mid;
}

/**
 * The quotes' Up prices (micro-USD) around a fair value: `center` = fair − skew × inventory/limit,
 * the bid at or below center − halfSpread and the ask at or above center + halfSpread on the tick,
 * at least a tick apart, and post-only: never at or through the book's other side.
 */
export function quotePrices(fair: number, inventory: number, halfSpread: number, p: Pick<MarketMakerParams, "skew" | "maxInventory">, tick: number, book: { bid: number | undefined; ask: number | undefined }): { bid: number; ask: number } {
  const center = fair - p.skew * Math.max(-1, Math.min(1, inventory / p.maxInventory));
  let bid = Math.floor(((center - halfSpread) * MICRO) / tick + 1e-9) * tick;
  let ask = Math.ceil(((center + halfSpread) * MICRO) / tick - 1e-9) * tick;
  if (ask <= bid) {
    bid -= tick;
    ask += tick;
  }
  if (book.ask !== undefined && bid >= book.ask) bid = book.ask - tick;
  if (book.bid !== undefined && ask <= book.bid) ask = book.bid + tick;
  return { bid, ask };
}

/** The Up price a working quote stands at on the bid side (buying Up or selling Down) or the ask side. */
function upPriceOf(w: MarketData["working"][number]): { side: "bid" | "ask"; price: number } {
  const up = w.order.outcome === "Up" ? w.order.price : MICRO - w.order.price;
  return { side: (w.order.outcome === "Up") === (w.order.side === "BUY") ? "bid" : "ask", price: up };
}

/**
 * Hysteresis: where a live quote stands less than `band` from the price wanted, and is still
 * post-only against the book, that price stands, so a fair value that wobbles by a tick does not
 * cancel and replace both quotes every second (each replacement loses its place in the queue).
 */
export function sticky(want: { bid: number; ask: number }, d: Pick<MarketData, "working" | "book">, band: number): { bid: number; ask: number } {
  const out = { ...want };
  for (const w of d.working) {
    if (w.cancelling) continue;
    const q = upPriceOf(w);
    const safe = q.side === "bid" ? d.book?.ask === undefined || q.price < d.book.ask : d.book?.bid === undefined || q.price > d.book.bid;
    if (safe && Math.abs(q.price - want[q.side]) < band && (q.side === "bid" ? q.price < out.ask : q.price > out.bid)) out[q.side] = q.price;
  }
  return out;
}

const step = (micro: number) => Math.floor(micro / SHARE_STEP) * SHARE_STEP;

function marketMakerStrategy(p: MarketMakerParams): View {
  return {
    horizonSec: p.lookbackSec,
    pUp: (d, now) => fairOf(d, now, p.midWeight),
    plan(d, now, budget) {
      const m = d.market;
      const mdl = modelOf(d, now);
      const fair = blend(mdl?.p, d.book, p.midWeight);
      if (!m || !d.book || fair === undefined) return [];
      const inv = d.position.up - d.position.down;
      const halfSpread = Math.max(p.minEdge, p.volSpread * (mdl?.step ?? 0));
      const { bid, ask } = sticky(quotePrices(fair, inv / MICRO, halfSpread, p, m.tickSize, d.book), d, p.requoteTicks * m.tickSize);
      const limit = p.maxInventory * MICRO;
      const quote = p.quoteShares * MICRO;
      // Quotes on their way out (being cancelled, or at a price this plan no longer quotes) may still fill before their
      // cancel lands: what they could add counts against the limit. A quote at the price wanted stays and is the wish itself.
      let goingUp = 0;
      let goingDown = 0;
      for (const w of d.working) {
        const left = w.order.size - w.filled;
        const upPrice = w.order.outcome === "Up" ? w.order.price : MICRO - w.order.price;
        if ((w.order.outcome === "Up") === (w.order.side === "BUY")) goingUp += w.cancelling || upPrice !== bid ? left : 0;
        else goingDown += w.cancelling || upPrice !== ask ? left : 0;
      }
      const wishes: Wish[] = [];
      const maker = { type: "GTC", postOnly: true } as const;
      // The bid side adds Up (or sheds Down): within the room left below +maxInventory.
      const bidRoom = limit - inv - goingUp;
      if (bidRoom > 0 && bid > 0) {
        if (d.position.down >= m.minSize) wishes.push({ ...maker, outcome: "Down", side: "SELL", price: MICRO - bid, size: step(Math.min(d.position.down, quote, bidRoom)), belief: 1 - fair });
        else wishes.push({ ...maker, outcome: "Up", side: "BUY", price: bid, size: step(Math.min(quote, bidRoom, (budget.bankroll / 2 / bid) * MICRO)), belief: fair });
      }
      // The ask side sheds Up (or adds Down): within the room left above −maxInventory.
      const askRoom = limit + inv - goingDown;
      if (askRoom > 0 && ask < MICRO) {
        if (d.position.up >= m.minSize) wishes.push({ ...maker, outcome: "Up", side: "SELL", price: ask, size: step(Math.min(d.position.up, quote, askRoom)), belief: fair });
        else wishes.push({ ...maker, outcome: "Down", side: "BUY", price: MICRO - ask, size: step(Math.min(quote, askRoom, (budget.bankroll / 2 / (MICRO - ask)) * MICRO)), belief: 1 - fair });
      }
      return wishes;
    },
  };
}

import { z } from "zod";
import { MICRO, ordered } from "../../../protocols/index.ts";
import { defineStrategy, entryParams, updatable, type MarketData, type Print, type View } from "../core/index.ts";

/** Its parameters; `updatable` ones apply to a running trader, the others restart it. */
export const WhaleFollowParams = z
  .object({
    /** A sweep (the prints of one instant in one direction) of at least this many shares is a whale (0: no share filter). */
    minShares: updatable(z.number().int().min(0).max(1_000_000).default(500)),
    /** ...and of at least this notional, USD: shares times the price of the side the whale took (0: no notional filter). */
    minNotionalUsd: updatable(z.number().min(0).max(1_000_000).default(0)),
    /** Follow whales that bought Up (or sold Down), that bought Down (or sold Up), or both. */
    direction: updatable(z.enum(["both", "up", "down"]).default("both")),
    /** Seconds after the print before it may act: prints are seen only after they print, plus latency. */
    delaySec: updatable(z.number().min(0).max(600).default(5)),
    /** Seconds after the print that a whale stays actionable; its tilt decays linearly to nothing by then. */
    holdSec: updatable(z.number().int().min(1).max(3600).default(60)),
    /** No entry once the price has moved more than this many ticks beyond the whale's average price. */
    maxChaseTicks: updatable(z.number().int().min(0).max(100).default(2)),
    /** How far (probability) the belief leans from the book's mid toward the whale's side, at the print. */
    tilt: updatable(z.number().min(0).max(0.3).default(0.06)),
    /** Entries a window (sizes the core's entry rule: a restart). */
    maxEntries: z.number().int().min(1).max(10).default(1),
    /**
     * Publishers (envelope `src`) whose prints are the floor's own fills, never followed: the paper
     * exchange prints its own taker fills as market trades (agent id `exchange`). Updatable (read
     * on each print), which also keeps a reloaded file with an equal list from restarting the trader.
     */
    ignoreSrc: updatable(z.array(z.string().min(1).max(100)).max(8).default(["exchange"])),
    ...entryParams({ minEdge: 0.02, kellyFraction: 0.25, entryAfterSec: 0, exitBeforeSec: 30, maxPrice: 0.9, minPrice: 0.1 }),
  })
  .strict()
  .superRefine(ordered(["minPrice", "maxPrice"], ["delaySec", "holdSec"]))
  .superRefine((v, ctx) => {
    if (v.minShares === 0 && v.minNotionalUsd === 0) ctx.addIssue({ code: "custom", path: ["minShares"], message: "minShares and minNotionalUsd are both 0: every print would be a whale" });
  });
export type WhaleFollowParams = z.infer<typeof WhaleFollowParams>;

/** The prints of one instant in one direction (a taker's order that took several levels prints once per level). */
export interface Sweep {
  ts: number;
  up: boolean;
  /** Micro-shares. */
  size: number;
  /** Σ price × size, micro-USD × micro-shares (float): the average price is pxSize / size. */
  pxSize: number;
  /** USD paid for the side the taker took. */
  notionalUsd: number;
}

/** A whale the view follows: its sweep, and what we held on its side when it came (one entry per whale). */
export interface Whale {
  ts: number;
  up: boolean;
  size: number;
  /** Its average price, micro-USD in Up terms. */
  price: number;
  heldAt: number;
}

/** Add a print to the sweep it belongs to (same instant, same direction), or start a new one. */
export function addToSweep(s: Sweep | undefined, p: Print): Sweep {
  const usd = ((p.size / MICRO) * (p.up ? p.price : MICRO - p.price)) / MICRO;
  if (s && s.ts === p.ts && s.up === p.up) {
    s.size += p.size;
    s.pxSize += p.price * p.size;
    s.notionalUsd += usd;
    return s;
  }
  return { ts: p.ts, up: p.up, size: p.size, pxSize: p.price * p.size, notionalUsd: usd };
}

/** Whether a sweep is a whale the filters let through. */
export function isWhale(s: Sweep, p: Pick<WhaleFollowParams, "minShares" | "minNotionalUsd" | "direction">): boolean {
  if (p.direction === "up" && !s.up) return false;
  if (p.direction === "down" && s.up) return false;
  return s.size >= p.minShares * MICRO && s.notionalUsd >= p.minNotionalUsd;
}

/**
 * The lean toward the whale's side `ageMs` after its print: nothing before `delaySec` (we have not
 * seen it yet) nor after `holdSec`; in between `tilt`, decaying linearly to 0 at `holdSec`.
 */
export function whaleTilt(ageMs: number, p: Pick<WhaleFollowParams, "delaySec" | "holdSec" | "tilt">): number {
  if (ageMs < p.delaySec * 1000 || ageMs > p.holdSec * 1000) return 0;
  return p.tilt * (1 - ageMs / (p.holdSec * 1000));
}

/**
 * Whether the price has run away from the whale: the side it took now costs more than
 * `maxTicks` ticks beyond its average price (Up: the ask above it; Down: the bid below it).
 * With no price on that side there is nothing to chase.
 */
export function chased(w: Pick<Whale, "up" | "price">, bid: number | undefined, ask: number | undefined, tick: number, maxTicks: number): boolean {
  if (w.up) return ask !== undefined && ask > w.price + maxTicks * tick;
  return bid !== undefined && bid < w.price - maxTicks * tick;
}

/**
 * The market's own price, as the monitor scores beliefs against it: the mid of the window's latest
 * two-sided book (a one-sided one states no price); a print's price only while the window has had
 * no two-sided book at all. (Falling back to the last print on a one-sided book scored a stale
 * price against the market's: −0.014 of skill on the December week, with no trade.)
 */
export function marketMid(d: Pick<MarketData, "lastMid" | "prints">): number | undefined {
  if (d.lastMid !== undefined) return d.lastMid;
  const last = d.prints[d.prints.length - 1];
  return last ? last.price / MICRO : undefined;
}

/**
 * Whale-follow: the copy-trading seed in its simplest honest form. A sweep of at least
 * `minShares` (and `minNotionalUsd`) in the window it follows, in a direction the filter allows,
 * makes it buy the whale's side `delaySec` later (we see prints only after they print), unless the
 * price has already run more than `maxChaseTicks` beyond the whale's average price. Its belief is
 * the market's own mid leaning toward the whale's side by `tilt`, decaying to nothing by `holdSec`;
 * with no recent whale the belief IS the mid, which has zero skill against the market by
 * construction. It never follows the floor's own fills (prints from `ignoreSrc`) nor prints no
 * larger than its own exposure in that direction (its own fills, echoed by the venue in live mode).
 */
export const whaleFollow = defineStrategy({ name: "whaleFollow", params: WhaleFollowParams, create: whaleFollowStrategy });

interface WhaleState {
  sweep: Sweep | undefined;
  whale: Whale | undefined;
  whales: number;
  ignored: number;
}

function whaleFollowStrategy(p: WhaleFollowParams): View {
  let sweep: Sweep | undefined;
  let whale: Whale | undefined;
  /** Whales seen, and prints left out as the floor's own or ours. */
  let whales = 0;
  let ignored = 0;

  const held = (d: MarketData, up: boolean) => (up ? d.position.up : d.position.down);

  /** A print no larger than what we hold or are buying on its side may be our own fill echoed back. */
  function ours(d: MarketData, pr: Print): boolean {
    let mine = held(d, pr.up);
    for (const w of d.working) if (w.order.side === "BUY" && (w.order.outcome === "Up") === pr.up) mine += w.order.size - w.filled;
    return mine > 0 && pr.size <= mine;
  }

  /** The whale in play at `now`: seen (past the delay) and not yet stale. */
  function active(now: number): Whale | undefined {
    if (!whale) return undefined;
    const age = now - whale.ts;
    return age >= p.delaySec * 1000 && age <= p.holdSec * 1000 ? whale : undefined;
  }

  return {
    horizonSec: 10,
    perWindow: p.maxEntries,
    // Its belief needs no spot history: the book and the prints are all it reads.
    ready: () => true,
    onMarket() {
      sweep = undefined;
      whale = undefined;
    },
    onTrade(d, pr) {
      if ((pr.src !== undefined && p.ignoreSrc.includes(pr.src)) || ours(d, pr)) {
        ignored++;
        return;
      }
      sweep = addToSweep(sweep, pr);
      if (!isWhale(sweep, p)) return;
      if (whale?.ts !== sweep.ts || whale.up !== sweep.up) {
        whales++;
        whale = { ts: sweep.ts, up: sweep.up, size: 0, price: 0, heldAt: held(d, sweep.up) };
      }
      whale.size = sweep.size;
      whale.price = Math.round(sweep.pxSize / sweep.size);
    },
    /** Mid, leaning toward the whale's side while it is in play. */
    pUp(d, now) {
      const mid = marketMid(d);
      if (mid === undefined) return undefined;
      const w = active(now);
      if (!w) return mid;
      const lean = whaleTilt(now - w.ts, p);
      return Math.min(1, Math.max(0, w.up ? mid + lean : mid - lean));
    },
    /** A whale in play, not yet followed, and the price not run away from it. */
    fires(d, now) {
      const w = active(now);
      if (!w || held(d, w.up) !== w.heldAt || !d.market) return false;
      return !chased(w, d.book?.bid, d.book?.ask, d.market.tickSize, p.maxChaseTicks);
    },
    describe: () => ({ whales, ignoredPrints: ignored, whale: whale ? { ...whale } : null }),
    save: (): WhaleState => ({ sweep: sweep && { ...sweep }, whale: whale && { ...whale }, whales, ignored }),
    restore(state) {
      const st = state as WhaleState | undefined;
      sweep = st?.sweep && { ...st.sweep };
      whale = st?.whale && { ...st.whale };
      whales = st?.whales ?? 0;
      ignored = st?.ignored ?? 0;
    },
  };
}

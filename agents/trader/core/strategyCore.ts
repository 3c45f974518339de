import { MICRO } from "../../../protocols/index.ts";
import type { Action, Signal, WorkingOrder } from "./Action.ts";
import type { EntryDefaults } from "./entryParams.ts";
import { MAX_PRINTS, type MarketData } from "./MarketData.ts";
import type { MarketView, Position, Print, Top } from "./MarketView.ts";
import { orderCost } from "./orderCost.ts";
import { pickEntry } from "./pickEntry.ts";
import { reconcile } from "./reconcile.ts";
import { SpotSeries, type SharedSpotSeriesState, type SpotSeriesState } from "./SpotSeries.ts";
import type { Account, Strategy } from "./Strategy.ts";
import type { View } from "./View.ts";

const NONE: readonly Action[] = Object.freeze([]);

interface CoreState {
  spot: SpotSeriesState | SharedSpotSeriesState;
  market: MarketView | null;
  book: Top | undefined;
  downBook?: Top | undefined;
  lastMid?: number | undefined;
  prints: Print[];
  position: Position;
  working: WorkingOrder[];
  entries: number;
  view: unknown;
}

/**
 * The shared strategy core: what every strategy used to repeat. It keeps spot history, the
 * window it follows (the latest opened), that window's book, prints, position and working
 * orders; it trades only inside the window's entry span (and takes every working order back
 * once the span ends); it holds the entry rules (`perWindow` entries a window for a directional
 * view); it sizes by fractional Kelly after fees within the bankroll (cash, at most the
 * allocation) and never commits more cash than it has free; in `reducing` it only sells what it
 * holds and cancels. The view supplies the market view and nothing else. `rules` is the trader's
 * own parameter object, read at decision time, so an in-place update applies on the next book.
 */
export function strategyCore(name: string, view: View, rules: EntryDefaults): Strategy {
  const spot = new SpotSeries(view.horizonSec);
  const perWindow = view.perWindow ?? 1;
  const d = {
    spot,
    market: null as MarketView | null,
    book: undefined as Top | undefined,
    downBook: undefined as Top | undefined,
    lastMid: undefined as number | undefined,
    prints: [] as Print[],
    position: { up: 0, down: 0 } as Position,
    working: [] as WorkingOrder[],
  } satisfies MarketData;
  /** Entries placed in the window followed (directional views). */
  let entries = 0;

  const inSpan = (m: MarketView, now: number) => now - m.startTs >= rules.entryAfterSec * 1000 && m.endTs - now >= rules.exitBeforeSec * 1000;
  const heldOf = (o: Signal["outcome"]) => (o === "Up" ? d.position.up : d.position.down);

  /** Cash that working buys already hold (price, size and pUSD fee of what is left of each). */
  function reserved(m: MarketView): number {
    let r = 0;
    for (const w of d.working) if (w.order.side === "BUY") r += orderCost(w.order, w.order.size - w.filled, m.fee);
    return r;
  }

  /** Keep only what the mode and the money allow: buys within free cash (in order), sells within shares not already offered. */
  function affordable(orders: Signal[], m: MarketView, a: Account): Signal[] {
    let free = Math.min(a.cash, a.capital) - reserved(m);
    const offered = { Up: 0, Down: 0 };
    for (const w of d.working) if (w.order.side === "SELL") offered[w.order.outcome] += w.order.size - w.filled;
    const out: Signal[] = [];
    for (const o of orders) {
      if (o.size < m.minSize) continue;
      if (o.side === "SELL") {
        if (o.size > heldOf(o.outcome) - offered[o.outcome]) continue;
        offered[o.outcome] += o.size;
        out.push(o);
      } else if (a.mode === "trading") {
        const cost = orderCost(o, o.size, m.fee);
        if (cost > free) continue;
        free -= cost;
        out.push(o);
      }
    }
    return out;
  }

  function cancelAll(m: MarketView, reason: string): readonly Action[] {
    const live = d.working.filter((w) => !w.cancelling);
    if (live.length === 0) return NONE;
    for (const w of live) w.cancelling = true;
    return [{ type: "cancel", marketId: m.marketId, reason }];
  }

  function directional(m: MarketView, now: number, a: Account): readonly Action[] {
    if (entries >= perWindow || d.working.length > 0 || !d.book) return NONE;
    if (view.fires && !view.fires(d, now)) return NONE;
    const pUp = view.pUp!(d, now);
    if (pUp === undefined) return NONE;
    const bankroll = Math.max(0, Math.min(a.cash, a.capital) - reserved(m));
    const s = pickEntry(m, pUp, d.book.bid, d.book.ask, rules, bankroll);
    return s ? [{ type: "order", order: s, perWindow }] : NONE;
  }

  function planned(m: MarketView, now: number, a: Account): readonly Action[] {
    const bankroll = Math.max(0, Math.min(a.cash, a.capital));
    const wishes = view.plan!(d, now, { bankroll, free: Math.max(0, bankroll - reserved(m)) });
    const orders = wishes
      .filter((w) => a.mode === "trading" || w.side === "SELL")
      .filter((w) => w.price > 0 && w.price < MICRO && (w.side === "SELL" || (w.price / MICRO <= rules.maxPrice && w.price / MICRO >= rules.minPrice)))
      .map((w): Signal => ({ ...w, marketId: m.marketId, tokenId: w.outcome === "Up" ? m.upTokenId : m.downTokenId }));
    const { cancel, place } = reconcile(d.working, orders);
    const actions: Action[] = [];
    for (const w of cancel) {
      w.cancelling = true;
      actions.push({ type: "cancel", marketId: m.marketId, intentId: w.intentId, reason: "requote" });
    }
    for (const o of affordable(place, m, a)) actions.push({ type: "order", order: o });
    return actions.length ? actions : NONE;
  }

  return {
    useTape: (tape) => spot.useTape(tape),
    leave: () => spot.leave(),
    onSpot(price, ts, volume, id) {
      spot.push(ts, price, volume ?? 0, id);
      if (view.onSpot) view.onSpot(d, spot.lastPoint()!);
    },
    onMarket(m) {
      d.market = m;
      d.book = undefined;
      d.downBook = undefined;
      d.lastMid = undefined;
      d.prints = [];
      if (m) {
        d.position = { up: 0, down: 0 };
        d.working = [];
        entries = 0;
      }
      view.onMarket?.(d, m);
    },
    onResolved(marketId, outcome) {
      view.onResolved?.(d, marketId, outcome);
    },
    onBook(marketId, top, tokenId) {
      if (marketId !== d.market?.marketId) return;
      if (tokenId !== undefined && tokenId === d.market.downTokenId) d.downBook = top;
      else {
        d.book = top;
        if (top.bid !== undefined && top.ask !== undefined) d.lastMid = (top.bid + top.ask) / 2 / MICRO;
      }
    },
    onTrade(marketId, tokenId, price, size, side, ts, src) {
      const m = d.market;
      if (!m || marketId !== m.marketId) return;
      const down = tokenId === m.downTokenId;
      const p: Print = { ts, price: down ? MICRO - price : price, size, up: (side === "BUY") !== down };
      if (src !== undefined) p.src = src;
      d.prints.push(p);
      if (d.prints.length > MAX_PRINTS) d.prints.splice(0, d.prints.length - MAX_PRINTS);
      view.onTrade?.(d, p);
    },
    onOrder(n) {
      if (n.type === "settle") {
        if (n.marketId === d.market?.marketId) d.position = { up: 0, down: 0 };
        return;
      }
      const i = d.working.findIndex((w) => w.intentId === n.intentId);
      if (n.type === "resized") {
        const w = d.working[i];
        if (w) w.order = { ...w.order, size: n.size };
      } else if (n.type === "fill") {
        if (n.marketId !== d.market?.marketId) return;
        if (n.outcome === "Up") d.position.up += n.sharesDelta;
        else d.position.down += n.sharesDelta;
        const w = d.working[i];
        if (w) {
          w.filled += n.size;
          if (w.filled >= w.order.size) d.working.splice(i, 1);
        }
      } else if (i >= 0) d.working.splice(i, 1);
    },
    placed(intentId, order) {
      if (order.marketId !== d.market?.marketId) return;
      d.working.push({ intentId, order, filled: 0, cancelling: false });
      if (order.side === "BUY" && !view.plan) entries++;
    },
    ready: () => (view.ready ? view.ready(d) : spot.length >= 3 && spot.spanSec() >= view.horizonSec / 2),
    decide(now, a) {
      const m = d.market;
      if (!m || now >= m.endTs) return NONE;
      if (!inSpan(m, now)) return cancelAll(m, "outside the entry span: near the close");
      if (view.plan) return planned(m, now, a);
      if (a.mode !== "trading") return cancelAll(m, "reducing");
      return view.pUp ? directional(m, now, a) : NONE;
    },
    belief(now) {
      const m = d.market;
      const q = m && view.pUp ? view.pUp(d, now) : undefined;
      return m && q !== undefined && Number.isFinite(q) ? { marketId: m.marketId, startTs: m.startTs, pUp: Math.min(1, Math.max(0, q)) } : undefined;
    },
    describe: () => ({ strategy: name, spotPoints: spot.length, market: d.market?.marketId ?? null, entries, working: d.working.length, position: { ...d.position }, ...view.describe?.() }),
    save: (): CoreState => ({ spot: spot.save(), market: d.market, book: d.book, downBook: d.downBook, lastMid: d.lastMid, prints: d.prints.map((p) => ({ ...p })), position: { ...d.position }, working: d.working.map((w) => ({ ...w, order: { ...w.order } })), entries, view: view.save?.() }),
    restore(state) {
      const st = state as CoreState;
      spot.restore(st.spot);
      d.market = st.market;
      d.book = st.book;
      d.downBook = st.downBook;
      // A checkpoint from before lastMid: the book it kept, when two-sided.
      d.lastMid = st.lastMid ?? (st.book?.bid !== undefined && st.book.ask !== undefined ? (st.book.bid + st.book.ask) / 2 / MICRO : undefined);
      d.prints = st.prints.map((p) => ({ ...p }));
      d.position = { ...st.position };
      d.working = st.working.map((w) => ({ ...w, order: { ...w.order } }));
      entries = st.entries;
      view.restore?.(st.view);
    },
  };
}

import { describe, expect, it } from "vitest";
import { MICRO } from "../../../protocols/index.ts";
import { upProbability } from "../../../floor/pricing/index.ts";
import { fairOf, fairStepPerSec, marketMaker, MarketMakerParams, quotePrices, sticky } from "./marketMaker.ts";
import { cancelsOf, MARKET, ordersOf, scripted, T0, TRADING, type Placed } from "./scripted.ts";

const M = MICRO;
// Fair value from the book's mid alone (midWeight 1), so the script sets it exactly; a 0.5¢ half spread.
const params = (o: Partial<MarketMakerParams> = {}) => MarketMakerParams.parse({ midWeight: 1, volSpread: 0, minEdge: 0.005, quoteShares: 50, maxInventory: 100, skew: 0.02, requoteTicks: 1, ...o });
const at = (sec: number) => T0 + sec * 1000;
/** Quotes as [outcome side price(¢) shares]. */
const terms = (os: Placed[]) => os.map((o) => `${o.outcome} ${o.side} ${Math.round(o.price / 1e4)} ${o.size / M}`).sort();

/** A market maker quoting on a wide book whose mid is 0.505: flat, it bids Up at 0.50 and offers Up at 0.51. */
function quoting(o: Partial<MarketMakerParams> = {}) {
  const s = scripted(marketMaker, params(o));
  s.book(0.45, 0.56, at(60));
  const first = ordersOf(s.decide(at(60)));
  const by = (outcome: string, side: string) => first.find((x) => x.outcome === outcome && x.side === side)!;
  return { s, first, bid: by("Up", "BUY"), ask: by("Down", "BUY") };
}

describe("marketMaker", () => {
  it("quotes both sides flat: a post-only bid for Up and the Up offer as a BUY of Down at 1 − ask, around fair value", () => {
    const { s, first } = quoting();
    expect(terms(first)).toEqual(["Down BUY 49 50", "Up BUY 50 50"]);
    for (const o of first) expect(o).toMatchObject({ type: "GTC", postOnly: true, marketId: "m1", tokenId: o.outcome === "Up" ? "111" : "222" });
    expect(first.find((o) => o.outcome === "Up")!.belief).toBeCloseTo(0.505, 12);
    expect(first.find((o) => o.outcome === "Down")!.belief).toBeCloseTo(0.495, 12);
    // Its belief is its fair value.
    expect(s.core.belief(at(60))?.pUp).toBeCloseTo(0.505, 12);
    // Nothing moved: the quotes stand (no cancel, no new order).
    s.book(0.45, 0.56, at(61));
    expect(s.decide(at(61))).toEqual([]);
  });

  it("skews both quotes against its inventory: long Up it bids and offers lower, long Down higher (the Done-when)", () => {
    // Flat: bid 0.50, ask 0.51 (above). Its bid fills: 50 Up, half its limit, moves the center down by 0.01.
    const long = quoting();
    long.s.fill(long.bid.intentId, 50);
    const l = ordersOf(long.s.decide(at(61)));
    // It now offers the Up it holds (post-only SELL) at 0.50, and bids 0.49: both a tick lower.
    expect(terms(l)).toEqual(["Up BUY 49 50", "Up SELL 50 50"]);
    expect(l.every((o) => o.postOnly && o.type === "GTC")).toBe(true);

    // Its Up offer (a Down buy at 0.49) fills instead: 50 Down, the center moves up by 0.01.
    const short = quoting();
    short.s.fill(short.ask.intentId, 50);
    const sh = ordersOf(short.s.decide(at(61)));
    // It bids for Up at 0.51 by offering the Down it holds at 0.49, and offers Up at 0.52 (a Down buy at 0.48): both a tick higher.
    expect(terms(sh)).toEqual(["Down BUY 48 50", "Down SELL 49 50"]);

    // With no skew the same inventory leaves the prices where they were (only the side's form changes).
    const flat = quoting({ skew: 0 });
    flat.s.fill(flat.bid.intentId, 50);
    expect(terms(ordersOf(flat.s.decide(at(61))))).toEqual(["Up BUY 50 50", "Up SELL 51 50"]);
  });

  it("refreshes on fills and on moves: cancels the quotes whose price changed and places the new ones", () => {
    const { s, bid, ask } = quoting({ maxInventory: 150 });
    // A partial fill of the bid (20 of 50 Up) moves the center down 0.0027 (bid 0.49) and turns the ask side into a SELL of the 20 held.
    s.fill(bid.intentId, 20);
    const a1 = s.decide(at(61));
    expect(cancelsOf(a1).map((c) => c.intentId).sort()).toEqual([bid.intentId, ask.intentId].sort());
    expect(cancelsOf(a1).every((c) => c.reason === "requote")).toBe(true);
    expect(terms(ordersOf(a1))).toEqual(["Up BUY 49 50", "Up SELL 51 20"]);
    s.done(bid.intentId);
    s.done(ask.intentId);
    // The same book again: nothing to do.
    s.book(0.45, 0.56, at(62));
    expect(s.decide(at(62))).toEqual([]);

    // Fair value moves up two ticks (mid 0.525): both quotes are cancelled and requoted higher, center 0.525 − 0.0027 = 0.5223.
    s.book(0.47, 0.58, at(63));
    const a2 = s.decide(at(63));
    expect(cancelsOf(a2).map((c) => c.intentId).sort()).toEqual(ordersOf(a1).map((o) => o.intentId).sort());
    // The new bid goes at once; the new offer of the 20 held waits until the old one's cancel is confirmed (it could still fill).
    expect(terms(ordersOf(a2))).toEqual(["Up BUY 51 50"]);
    for (const o of ordersOf(a1)) s.done(o.intentId);
    expect(terms(ordersOf(s.decide(at(64))))).toEqual(["Up SELL 53 20"]);
  });

  it("stops adding to a side beyond maxInventory and caps the quote at what is left below it", () => {
    // 80 Up held: the bid is capped at the 20 shares left below 100.
    const { s, bid } = quoting();
    s.fill(bid.intentId, 50);
    s.book(0.45, 0.56, at(61));
    const next = ordersOf(s.decide(at(61))).find((o) => o.outcome === "Up" && o.side === "BUY")!;
    s.fill(next.intentId, 30);
    // The center moves down again (bid 0.48); while the 0.49 bid's last 20 are being cancelled they could still fill, so no new bid yet.
    expect(ordersOf(s.decide(at(62))).filter((o) => o.side === "BUY")).toEqual([]);
    s.done(next.intentId);
    const capped = ordersOf(s.decide(at(62)));
    expect(terms(capped.filter((o) => o.side === "BUY"))).toEqual(["Up BUY 48 20"]);

    // At the limit (100 Up), only the reducing side is quoted: no bid for Up, the offer of what it holds stands.
    const cur = [...s.orders.values()].find((o) => o.outcome === "Up" && o.side === "BUY" && o.size === 20 * M)!;
    s.fill(cur.intentId, 20);
    const at100 = s.decide(at(63));
    expect(ordersOf(at100).filter((o) => o.side === "BUY" || o.outcome === "Down")).toEqual([]);
    expect(s.core.describe().position).toEqual({ up: 100 * M, down: 0 });
    const working = (s.core.save() as { working: Array<{ order: Placed; cancelling: boolean }> }).working.filter((w) => !w.cancelling);
    expect(working.map((w) => `${w.order.outcome} ${w.order.side}`)).toEqual(["Up SELL"]);

    // Short beyond the limit (a Down position of 120): no Down buy, only the bid side (offering its Down).
    const short = quoting();
    short.s.fill(short.ask.intentId, 50);
    short.s.core.onOrder({ type: "fill", intentId: "elsewhere", marketId: "m1", outcome: "Down", size: 70 * M, sharesDelta: 70 * M });
    const os = ordersOf(short.s.decide(at(61)));
    expect(os.some((o) => o.outcome === "Down" && o.side === "BUY")).toBe(false);
    expect(terms(os)).toEqual(["Down SELL 48 50"]); // center 0.505 + 0.02 = 0.525: bid 0.52, i.e. Down offered at 0.48
  });

  it("counts quotes still being cancelled against the limit (they may fill before the cancel lands)", () => {
    const { s, bid } = quoting();
    s.fill(bid.intentId, 50); // 50 Up of a 100 limit
    const bid2 = ordersOf(s.decide(at(61))).find((o) => o.side === "BUY")!;
    expect(bid2.size).toBe(50 * M);
    // Fair value moves: the 0.49 bid is being cancelled, and while it is, its 50 fill the room: no new bid yet.
    s.book(0.47, 0.58, at(62));
    const a = s.decide(at(62));
    expect(cancelsOf(a).map((c) => c.intentId)).toContain(bid2.intentId);
    expect(ordersOf(a).filter((o) => o.side === "BUY")).toEqual([]);
    // The cancel is confirmed: the bid goes back up, at the new price.
    s.done(bid2.intentId);
    expect(terms(ordersOf(s.decide(at(63))).filter((o) => o.side === "BUY"))).toEqual(["Up BUY 51 50"]);
  });

  it("cancels every quote near the close (the core's exit span) and places none", () => {
    const { s } = quoting();
    const end = MARKET.endTs;
    s.book(0.45, 0.56, end - 30_000);
    expect(s.decide(end - 30_000)).toEqual([]); // exitBeforeSec 30: still inside the span, quotes stand
    s.book(0.45, 0.56, end - 29_000);
    const close = s.decide(end - 29_000);
    expect(close).toEqual([{ type: "cancel", marketId: "m1", reason: "outside the entry span: near the close" }]);
    expect(s.decide(end - 28_000)).toEqual([]); // nothing left to take back, nothing new
  });

  it("in reducing mode only sells what it holds", () => {
    const { s, bid, ask } = quoting();
    s.fill(bid.intentId, 50);
    const reducing = { ...TRADING, mode: "reducing" as const };
    const a = s.decide(at(61), reducing);
    expect(cancelsOf(a).map((c) => c.intentId)).toEqual([ask.intentId]);
    const os = ordersOf(a);
    expect(terms(os)).toEqual(["Up SELL 50 50"]);
    // Holding nothing, it places nothing in reducing.
    const none = quoting();
    expect(ordersOf(none.s.decide(at(61), reducing))).toEqual([]);
  });

  it("takes its fair value from spot, strike, realised volatility and time left, and blends the mid by midWeight", () => {
    const s = scripted(marketMaker, params({ midWeight: 0 }));
    // Spot alternates ±0.1% a second around the strike, ending 0.2% above it.
    for (let i = 0; i <= 60; i++) s.spot(95_000 * (i % 2 ? 1.001 : 1), at(i));
    s.spot(95_190, at(61));
    const variance = (60 * Math.log(1.001) ** 2 + Math.log(95_190 / 95_000) ** 2) / 61; // Σr² over the 61 s the points span
    const expected = upProbability(95_190, 95_000, Math.sqrt(variance), 839);
    expect(s.core.belief(at(61))?.pUp).toBeCloseTo(expected, 9);
    expect(expected).toBeGreaterThan(0.5);
    // Blended half and half with a mid of 0.40.
    s.book(0.39, 0.41, at(61));
    const blended = scripted(marketMaker, params({ midWeight: 0.5 }));
    for (let i = 0; i <= 60; i++) blended.spot(95_000 * (i % 2 ? 1.001 : 1), at(i));
    blended.spot(95_190, at(61));
    blended.book(0.39, 0.41, at(61));
    expect(blended.core.belief(at(61))?.pUp).toBeCloseTo(0.5 * expected + 0.2, 9);
    // Quotes stand around that fair value.
    const os = ordersOf(s.decide(at(61)));
    const upBid = os.find((o) => o.outcome === "Up")!.price / M;
    const upAsk = 1 - os.find((o) => o.outcome === "Down")!.price / M;
    expect(upBid).toBeLessThan(expected);
    expect(upAsk).toBeGreaterThan(expected);
  });

  it("measures how fast fair value moves: φ(d)/√τ a second, largest at the strike, smaller away from it and with more time", () => {
    // At the strike with 450 s left: 0.398942/21.2132 = 0.018806.
    expect(fairStepPerSec(95_000, 95_000, 1e-4, 450)).toBeCloseTo(0.018806, 6);
    // 0.2% above it (d = 0.002/(1e-4·√450) = 0.9428): φ(d) = 0.25593, over √450: 0.012065.
    expect(fairStepPerSec(95_190, 95_000, 1e-4, 450)).toBeCloseTo(0.25593 / Math.sqrt(450), 5);
    expect(fairStepPerSec(95_000, 95_000, 1e-4, 800)).toBeLessThan(fairStepPerSec(95_000, 95_000, 1e-4, 450));
    expect(fairStepPerSec(95_000, 95_000, 1e-4, 0)).toBe(0);
  });

  it("quotes volSpread of those steps either side of fair value where that is wider than minEdge", () => {
    const quotes = (volSpread: number) => {
      const s = scripted(marketMaker, params({ midWeight: 0, volSpread }));
      for (let i = 0; i <= 60; i++) s.spot(95_000 * (i % 2 ? 1.001 : 1), at(i));
      s.spot(95_190, at(61));
      s.book(0.3, 0.8, at(61));
      const os = ordersOf(s.decide(at(61)));
      return { bid: os.find((o) => o.outcome === "Up")!.price, ask: M - os.find((o) => o.outcome === "Down")!.price, fair: s.core.belief(at(61))!.pUp };
    };
    const sigma = Math.sqrt((60 * Math.log(1.001) ** 2 + Math.log(95_190 / 95_000) ** 2) / 61);
    const stepNow = fairStepPerSec(95_190, 95_000, sigma, 839);
    expect(stepNow).toBeGreaterThan(0.005); // wider than minEdge, so it sets the half spread
    const narrow = quotes(0);
    const wide = quotes(2);
    expect(narrow.bid).toBe(Math.floor((narrow.fair - 0.005) * 100) * 10_000);
    expect(wide.bid).toBe(Math.floor((wide.fair - 2 * stepNow) * 100) * 10_000);
    expect(wide.ask).toBe(Math.ceil((wide.fair + 2 * stepNow) * 100) * 10_000);
    expect(wide.ask - wide.bid).toBeGreaterThan(narrow.ask - narrow.bid);
  });

  it("prices quotes on the tick, a tick apart at least, and never through the book (post-only)", () => {
    const p = { skew: 0.02, maxInventory: 100 };
    const open = { bid: undefined, ask: undefined };
    expect(quotePrices(0.503, 0, 0, p, 10_000, open)).toEqual({ bid: 500_000, ask: 510_000 });
    expect(quotePrices(0.5, 0, 0, p, 10_000, open)).toEqual({ bid: 490_000, ask: 510_000 }); // fair on a tick: one each way
    expect(quotePrices(0.503, 50, 0, p, 10_000, open)).toEqual({ bid: 490_000, ask: 500_000 }); // skew 0.01 down
    expect(quotePrices(0.503, 500, 0, p, 10_000, open)).toEqual({ bid: 480_000, ask: 490_000 }); // capped at the limit's 0.02
    // Fair above the book's ask: the bid sits a tick under that ask; below its bid: the ask a tick over it.
    expect(quotePrices(0.6, 0, 0, p, 10_000, { bid: 540_000, ask: 550_000 })).toEqual({ bid: 540_000, ask: 610_000 });
    expect(quotePrices(0.4, 0, 0, p, 10_000, { bid: 450_000, ask: 460_000 })).toEqual({ bid: 390_000, ask: 460_000 }); // fair on a tick: 0.39 below it
  });

  it("has no fair value (and quotes nothing) without volatility or a book mid to stand on", () => {
    const s = scripted(marketMaker, params({ midWeight: 0 }));
    s.book(0.45, 0.56, at(60));
    expect(fairOf({ spot: { variancePerSec: () => undefined } as never, market: MARKET, book: undefined, prints: [], position: { up: 0, down: 0 }, working: [] }, at(60), 0)).toBeUndefined();
    expect(s.decide(at(60))).toEqual([]);
  });

  it("keeps a quote that stands within requoteTicks of the price wanted, and requotes beyond it (sticky)", () => {
    const book = { bid: 400_000, ask: 600_000, bidSize: 1, askSize: 1, ts: 0 };
    const quote = (price: number, outcome: "Up" | "Down", side: "BUY" | "SELL", cancelling = false) => ({ intentId: "q", filled: 0, cancelling, order: { marketId: "m", tokenId: "1", outcome, side, type: "GTC" as const, price, size: 1, belief: 0.5 } });
    const working = [quote(480_000, "Up", "BUY"), quote(1_000_000 - 520_000, "Down", "BUY")];
    // wanted one tick away: both stay where they are
    expect(sticky({ bid: 490_000, ask: 530_000 }, { working, book }, 20_000)).toEqual({ bid: 480_000, ask: 520_000 });
    // two ticks away: the new prices
    expect(sticky({ bid: 500_000, ask: 540_000 }, { working, book }, 20_000)).toEqual({ bid: 500_000, ask: 540_000 });
    // a band of one tick keeps only an exact match; a quote being cancelled, or one the book now crosses, never stays
    expect(sticky({ bid: 490_000, ask: 530_000 }, { working, book }, 10_000)).toEqual({ bid: 490_000, ask: 530_000 });
    expect(sticky({ bid: 490_000, ask: 530_000 }, { working: [quote(480_000, "Up", "BUY", true)], book }, 20_000)).toEqual({ bid: 490_000, ask: 530_000 });
    expect(sticky({ bid: 460_000, ask: 530_000 }, { working, book: { ...book, ask: 470_000 } }, 20_000).bid).toBe(460_000);
  });
});

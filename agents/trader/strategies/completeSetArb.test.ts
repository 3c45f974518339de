import { describe, expect, it } from "vitest";
import { MICRO } from "../../../protocols/index.ts";
import { bestPrices, completeSetArb, CompleteSetArbParams, legCost } from "./completeSetArb.ts";
import { MARKET, ordersOf, scripted, T0, TRADING, type Placed } from "./scripted.ts";

const M = MICRO;
const at = (sec: number) => T0 + sec * 1000;
const terms = (os: Placed[]) => os.map((o) => `${o.side} ${o.outcome} ${o.type} ${o.price / M} ${o.size / M}`);
const FREE = { ...MARKET, fee: { rate: 0, exponent: 1, takerOnly: true } };

/** An arb on a market whose Up book is `up` and whose Down token's own book is `down` ([bid, ask] in dollars, 1,000 shares a level). */
function arb(up: [number, number], down: [number, number] | undefined, o: { market?: typeof MARKET; params?: Partial<CompleteSetArbParams> } = {}) {
  const s = scripted(completeSetArb, CompleteSetArbParams.parse(o.params ?? {}), o.market ?? MARKET);
  s.book(up[0], up[1], at(30));
  if (down) s.book(down[0], down[1], at(30), 1_000, MARKET.downTokenId);
  return s;
}

/** The arb fires on 0.40 Up + 0.55 Down (100 sets); then `upShares` of the Up leg and `downShares` of the Down leg fill and the venue is done with both. */
function legged(upShares: number, downShares: number) {
  const s = arb([0.38, 0.4], [0.53, 0.55]);
  const [up, down] = ordersOf(s.decide(at(30)));
  for (const [o, n] of [[up!, upShares], [down!, downShares]] as const) {
    if (n > 0) s.fill(o.intentId, n);
    if (n < 100) s.done(o.intentId);
  }
  return s;
}

describe("completeSetArb", () => {
  it("prices a taker leg in pUSD: the price plus 0.07·p(1−p) a share", () => {
    expect(legCost(400_000, MARKET.fee)).toBeCloseTo(416_800, 6);
    expect(legCost(550_000, MARKET.fee)).toBeCloseTo(567_325, 6);
    // A fee in shares: fewer shares arrive, so each costs price / (1 − f).
    expect(legCost(500_000, { ...MARKET.fee, currency: "shares" })).toBeCloseTo(500_000 / (1 - 0.0175), 6);
  });

  it("buys both legs (FAKs at the asks) when the two asks plus both taker fees cost under 1 − minEdge (the Done-when)", () => {
    // 0.40 + 0.55 + fees 0.0168 + 0.017325 = 0.984125 < 0.995.
    const s = arb([0.38, 0.4], [0.53, 0.55]);
    const os = ordersOf(s.decide(at(30)));
    expect(terms(os)).toEqual(["BUY Up FAK 0.4 100", "BUY Down FAK 0.55 100"]);
    expect(os.map((o) => o.tokenId)).toEqual(["111", "222"]);
  });

  it("does not buy at exactly 1 − minEdge, at exactly 1, or when the fees take a sum under 1 over it", () => {
    // Fee-free, 0.45 + 0.545 = 0.995 = 1 − minEdge: no; 0.45 + 0.544 = 0.994: yes.
    expect(ordersOf(arb([0.43, 0.45], [0.53, 0.545], { market: FREE }).decide(at(30)))).toEqual([]);
    expect(terms(ordersOf(arb([0.43, 0.45], [0.53, 0.544], { market: FREE }).decide(at(30))))).toEqual(["BUY Up FAK 0.45 100", "BUY Down FAK 0.544 100"]);
    // Fee-free and no edge asked: exactly 1 is no arbitrage.
    expect(ordersOf(arb([0.43, 0.45], [0.53, 0.55], { market: FREE, params: { minEdge: 0 } }).decide(at(30)))).toEqual([]);
    // 0.48 + 0.50 = 0.98 before fees, 1.014972 after: no.
    expect(ordersOf(arb([0.46, 0.48], [0.48, 0.5]).decide(at(30)))).toEqual([]);
    expect(ordersOf(arb([0.46, 0.48], [0.48, 0.5], { params: { minEdge: 0 } }).decide(at(30)))).toEqual([]);
  });

  it("never fires on the Up book alone: the mirror Down ask is 1 − the Up bid, so a set costs 1 plus the spread", () => {
    expect(bestPrices({ book: { bid: 490_000, ask: 500_000, bidSize: 1, askSize: 1, ts: 0 }, downBook: undefined }).Down.ask?.price).toBe(510_000);
    for (const [bid, ask] of [[0.49, 0.5], [0.1, 0.11], [0.9, 0.91], [0.5, 0.5]] as Array<[number, number]>) {
      expect(ordersOf(arb([bid, ask], undefined, { market: FREE, params: { minEdge: 0 } }).decide(at(30)))).toEqual([]);
    }
  });

  it("takes the Down book only from the Down token: it never overwrites the Up book", () => {
    const s = arb([0.38, 0.4], [0.53, 0.55]);
    const st = s.core.save() as { book: { bid: number }; downBook: { bid: number } };
    expect(st.book.bid).toBe(380_000);
    expect(st.downBook.bid).toBe(530_000);
  });

  it("sizes within its budget, the asks' depth and maxSets", () => {
    // $50 buys 50.80 sets at 0.984125 ($49.9936) but not 50.81 ($50.0034): sizes go in hundredths of a share.
    const s = arb([0.38, 0.4], [0.53, 0.55]);
    expect(ordersOf(s.decide(at(30), { ...TRADING, cash: 50 * M })).map((o) => o.size / M)).toEqual([50.8, 50.8]);
    const deep = arb([0.38, 0.4], [0.53, 0.55], { params: { maxSets: 30 } });
    expect(ordersOf(deep.decide(at(30))).map((o) => o.size / M)).toEqual([30, 30]);
    // Holding 30 sets at maxSets 30: no more.
    for (const o of deep.orders.values()) deep.fill(o.intentId, 30);
    expect(ordersOf(deep.decide(at(31)))).toEqual([]);
  });

  it("waits while a leg is still at the venue", () => {
    const s = arb([0.38, 0.4], [0.53, 0.55]);
    const [up] = ordersOf(s.decide(at(30)));
    s.fill(up!.intentId, 100);
    expect(s.decide(at(31))).toEqual([]);
  });

  it("completes a one-legged set at the missing ask while the set still costs under 1 after fees", () => {
    const s = legged(100, 0); // the Down FAK found nothing
    // Down's ask moved to 0.56: 0.4168 + 0.56 + 0.017248 = 0.994 < 1, so it buys the 100 Down.
    s.book(0.54, 0.56, at(31), 1_000, MARKET.downTokenId);
    expect(terms(ordersOf(s.decide(at(31))))).toEqual(["BUY Down FAK 0.56 100"]);
  });

  it("completes what is missing of a partly filled leg", () => {
    const s = legged(100, 60);
    expect(terms(ordersOf(s.decide(at(31))))).toEqual(["BUY Down FAK 0.55 40"]);
  });

  it("sells a lone leg back at its bid (FAK) when completing it would cost 1 or more", () => {
    const s = legged(100, 0);
    // Down's ask jumped to 0.62: 0.4168 + 0.62 + 0.016492 = 1.053 ≥ 1. Up's best bid is 0.38 (its own; the mirror 1 − 0.62 is lower).
    s.book(0.6, 0.62, at(31), 1_000, MARKET.downTokenId);
    expect(terms(ordersOf(s.decide(at(31))))).toEqual(["SELL Up FAK 0.38 100"]);
    // The lone Down of a set whose Up leg failed goes back the same way, at the better of Down's bid and 1 − the Up ask.
    const t = legged(0, 100);
    t.book(0.7, 0.72, at(31)); // Up now 0.72: 0.567325 + 0.72 + fee > 1; Down's bid 0.53 beats 1 − 0.72 = 0.28
    expect(terms(ordersOf(t.decide(at(31))))).toEqual(["SELL Down FAK 0.53 100"]);
  });

  it("holds a lone leg under the venue's minimum size (nothing it could send)", () => {
    const s = legged(100, 97);
    expect(s.decide(at(31))).toEqual([]);
  });
});

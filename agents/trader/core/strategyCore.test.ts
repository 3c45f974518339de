import { describe, expect, it } from "vitest";
import type { Action, Signal } from "./Action.ts";
import type { EntryDefaults } from "./entryParams.ts";
import type { MarketView } from "./MarketView.ts";
import { strategyCore } from "./strategyCore.ts";
import type { View, Wish } from "./View.ts";

const m: MarketView = { marketId: "m1", upTokenId: "11", downTokenId: "22", strike: 100, startTs: 0, endTs: 900_000, fee: { rate: 0.07, exponent: 1, takerOnly: true }, tickSize: 10_000, minSize: 5_000_000 };
const rules: EntryDefaults = { minEdge: 0.04, kellyFraction: 0.25, entryAfterSec: 60, exitBeforeSec: 30, maxPrice: 0.9, minPrice: 0.1 };
const $ = (usd: number) => usd * 1_000_000;
const account = (cash = $(1000), capital = $(1000), mode: "trading" | "reducing" = "trading") => ({ cash, capital, mode });

/** A core on a view that believes `pUp`, with spot history and the window open. */
function directional(pUp: number, extra: Partial<View> = {}) {
  const core = strategyCore("test", { horizonSec: 10, pUp: () => pUp, ...extra }, { ...rules });
  core.onMarket(m);
  for (let t = 0; t <= 10_000; t += 1000) core.onSpot(100, t);
  core.onBook("m1", { bid: 480_000, ask: 500_000, bidSize: $(100), askSize: $(100), ts: 100_000 });
  return core;
}
const orders = (a: readonly Action[]) => a.filter((x): x is Extract<Action, { type: "order" }> => x.type === "order").map((x) => x.order);

describe("strategyCore: directional views", () => {
  it("trades only inside the window's entry span", () => {
    const core = directional(0.6);
    expect(core.decide(59_999, account())).toEqual([]); // before entryAfterSec
    expect(core.decide(870_001, account())).toEqual([]); // inside the last exitBeforeSec
    expect(orders(core.decide(100_000, account()))).toHaveLength(1);
  });
  it("sizes by fractional Kelly after the pUSD fee on a bankroll of cash, at most the allocation", () => {
    // belief 0.6 at ask 0.5: a share costs 0.5175 with its fee; quarter Kelly is 4.2746% of the bankroll
    expect(orders(directional(0.6).decide(100_000, account($(1000), $(1000))))[0]!.size).toBe(82_600_000);
    expect(orders(directional(0.6).decide(100_000, account($(2000), $(1000))))[0]!.size).toBe(82_600_000); // allocation caps it
    expect(orders(directional(0.6).decide(100_000, account($(500), $(1000))))[0]!.size).toBe(41_300_000); // so does cash
  });
  it("holds the entry rule: one entry a window, none while an order is working, again in the next window", () => {
    const core = directional(0.6);
    const [o] = orders(core.decide(100_000, account()));
    core.placed("e1", o!);
    expect(core.decide(101_000, account())).toEqual([]); // working
    core.onOrder({ type: "fill", intentId: "e1", marketId: "m1", outcome: "Up", size: o!.size, sharesDelta: o!.size });
    expect(core.decide(102_000, account())).toEqual([]); // entered
    core.onMarket({ ...m, marketId: "m2", startTs: 900_000, endTs: 1_800_000 });
    core.onBook("m2", { bid: 480_000, ask: 500_000, bidSize: $(100), askSize: $(100), ts: 1_000_000 });
    expect(orders(core.decide(1_000_000, account()))[0]!.marketId).toBe("m2");
  });
  it("lets a view declare more entries a window, and a trigger", () => {
    let fire = false;
    const core = directional(0.6, { perWindow: 2, fires: () => fire });
    expect(core.decide(100_000, account())).toEqual([]);
    fire = true;
    const first = core.decide(100_000, account());
    expect(first[0]).toMatchObject({ type: "order", perWindow: 2 });
    core.placed("e1", orders(first)[0]!);
    core.onOrder({ type: "done", intentId: "e1" });
    expect(orders(core.decide(101_000, account()))).toHaveLength(1);
  });
  it("adds no exposure when reducing, and takes working orders back near the close", () => {
    const core = directional(0.6);
    expect(core.decide(100_000, account($(1000), $(1000), "reducing"))).toEqual([]);
    const [o] = orders(core.decide(100_000, account()));
    core.placed("e1", o!);
    expect(core.decide(880_000, account())).toEqual([{ type: "cancel", marketId: "m1", reason: "outside the entry span: near the close" }]);
    expect(core.decide(881_000, account())).toEqual([]); // once
  });
  it("publishes its belief, clamped to [0, 1], only for the window it follows", () => {
    expect(directional(0.6).belief(100_000)).toEqual({ marketId: "m1", startTs: 0, pUp: 0.6 });
    expect(directional(1.2).belief(100_000)?.pUp).toBe(1);
    const none = strategyCore("test", { horizonSec: 10, pUp: () => 0.6 }, rules);
    expect(none.belief(0)).toBeUndefined();
  });
});

describe("strategyCore: planning views", () => {
  const bid = (price: number, size = $(100)): Wish => ({ outcome: "Up", side: "BUY", type: "GTC", price, size, belief: 0.5, postOnly: true });
  function planning(plan: () => Wish[]) {
    const core = strategyCore("test", { horizonSec: 10, plan }, { ...rules });
    core.onMarket(m);
    core.onBook("m1", { bid: 480_000, ask: 500_000, bidSize: $(100), askSize: $(100), ts: 0 });
    return core;
  }
  it("places what it wants, keeps what still serves, and cancels what no longer does", () => {
    let wants = [bid(470_000), bid(460_000)];
    const core = planning(() => wants);
    const first = orders(core.decide(100_000, account()));
    expect(first.map((o) => o.price)).toEqual([470_000, 460_000]);
    expect(first[0]).toMatchObject({ marketId: "m1", tokenId: "11", postOnly: true });
    first.forEach((o, i) => core.placed(`q${i}`, o));
    expect(core.decide(101_000, account())).toEqual([]);
    wants = [bid(470_000), bid(450_000)];
    expect(core.decide(102_000, account())).toEqual([
      { type: "cancel", marketId: "m1", intentId: "q1", reason: "requote" },
      { type: "order", order: expect.objectContaining({ price: 450_000 }) as Signal },
    ]);
  });
  it("never commits more cash than is free: working buys hold theirs", () => {
    const core = planning(() => [bid(500_000, $(1200)), bid(400_000, $(1000))]);
    // $600 + $400 (post-only: no fee) fits $1,000 exactly; nothing more does
    const first = orders(core.decide(100_000, account()));
    expect(first.map((o) => o.price)).toEqual([500_000, 400_000]);
    first.forEach((o, i) => core.placed(`q${i}`, o));
    const more = planning(() => [bid(500_000, $(1200)), bid(400_000, $(1000)), bid(300_000, $(100))]);
    first.forEach((o, i) => more.placed(`q${i}`, o));
    expect(orders(more.decide(100_000, account()))).toEqual([]);
  });
  it("takes the size the boss approved as its working order's: a resized bid holds only that much cash, and fills to it", () => {
    const core = planning(() => [bid(500_000, $(1200)), bid(400_000, $(1000)), bid(300_000, $(100))]);
    const first = orders(core.decide(100_000, account()));
    first.forEach((o, i) => core.placed(`q${i}`, o));
    expect(orders(core.decide(100_000, account()))).toEqual([]); // $600 + $400 hold the whole $1,000
    core.onOrder({ type: "resized", intentId: "q0", size: $(600) }); // approved at 600 shares ($300)
    expect(orders(core.decide(101_000, account())).map((o) => o.price)).toEqual([300_000]); // $300 free: the $30 bid fits
    core.onOrder({ type: "fill", intentId: "q0", marketId: "m1", outcome: "Up", size: $(600), sharesDelta: $(600) });
    expect(core.describe().working).toBe(1); // filled to its approved size: no longer working
  });
  it("sells only shares it holds and has not already offered, and in reducing mode nothing else", () => {
    const sell = (size: number): Wish => ({ outcome: "Up", side: "SELL", type: "GTC", price: 520_000, size, belief: 0.5, postOnly: true });
    const core = planning(() => [sell($(30)), sell($(30)), bid(470_000)]);
    core.placed("b", { ...bid(470_000), marketId: "m1", tokenId: "11" });
    core.onOrder({ type: "fill", intentId: "b", marketId: "m1", outcome: "Up", size: $(50), sharesDelta: $(50) });
    const acts = core.decide(100_000, account($(1000), $(1000), "reducing"));
    // holding 50: one sell of 30 fits, the second does not; the working bid is cancelled, none placed
    expect(orders(acts).map((o) => [o.side, o.size])).toEqual([["SELL", $(30)]]);
    expect(acts.filter((a) => a.type === "cancel")).toHaveLength(1);
  });
});

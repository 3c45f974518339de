import { describe, expect, it } from "vitest";
import { strategyCore, type Action, type MarketView, type Signal } from "../core/index.ts";
import { TraderConfig } from "../traderConfig.ts";
import { traderKind } from "../traderKind.ts";
import { addToSweep, chased, isWhale, whaleFollow, WhaleFollowParams, whaleTilt } from "./whaleFollow.ts";

const m: MarketView = { marketId: "m1", upTokenId: "UP", downTokenId: "DN", strike: 95_000, startTs: 0, endTs: 900_000, fee: { rate: 0.07, exponent: 1, takerOnly: true }, tickSize: 10_000, minSize: 5_000_000 };
const $ = (usd: number) => usd * 1_000_000;
const shares = (n: number) => n * 1_000_000;
const account = { cash: $(1000), capital: $(1000), mode: "trading" as const };
const orders = (a: readonly Action[]) => a.filter((x): x is Extract<Action, { type: "order" }> => x.type === "order").map((x) => x.order);

/** A whale-follow core on an open window, book 0.49/0.50 (mid 0.495). */
function floor(params: Partial<WhaleFollowParams> = {}) {
  const p = WhaleFollowParams.parse(params);
  const core = strategyCore("whaleFollow", whaleFollow.create(p), p);
  core.onMarket(m);
  const book = (bid: number | undefined, ask: number | undefined, ts = 0) => core.onBook("m1", { bid, ask, bidSize: shares(500), askSize: shares(500), ts });
  book(490_000, 500_000);
  /** A taker's order as the venue prints it: one print per level, all at the same instant. */
  const sweep = (ts: number, token: "UP" | "DN", side: "BUY" | "SELL", levels: Array<[price: number, n: number]>, src = "feed") => {
    for (const [price, n] of levels) core.onTrade("m1", token, price, shares(n), side, ts, src);
  };
  return { core, p, book, sweep, decide: (now: number) => orders(core.decide(now, account)) };
}

describe("whaleFollow: the pure parts", () => {
  it("adds the prints of one instant and one direction into a sweep, with its average price and notional", () => {
    let s = addToSweep(undefined, { ts: 1, price: 500_000, size: shares(600), up: true });
    s = addToSweep(s, { ts: 1, price: 520_000, size: shares(400), up: true });
    // 600 × 0.50 + 400 × 0.52 = $508 for 1,000 shares: average 0.508
    expect(s).toMatchObject({ ts: 1, up: true, size: shares(1000) });
    expect(s.pxSize / s.size).toBeCloseTo(508_000, 6);
    expect(s.notionalUsd).toBeCloseTo(508, 9);
    // A Down taker at an Up price of 0.40 paid 0.60 a share for Down.
    expect(addToSweep(s, { ts: 1, price: 400_000, size: shares(10), up: false })).toMatchObject({ up: false, size: shares(10), notionalUsd: 6 });
    expect(addToSweep(s, { ts: 2, price: 400_000, size: shares(10), up: true })).toMatchObject({ ts: 2, size: shares(10) });
  });
  it("lets a sweep through its size, notional and direction filters", () => {
    const s = { ts: 1, up: true, size: shares(1000), pxSize: 0, notionalUsd: 508 };
    expect(isWhale(s, { minShares: 1000, minNotionalUsd: 0, direction: "both" })).toBe(true);
    expect(isWhale(s, { minShares: 1001, minNotionalUsd: 0, direction: "both" })).toBe(false);
    expect(isWhale(s, { minShares: 0, minNotionalUsd: 509, direction: "both" })).toBe(false);
    expect(isWhale(s, { minShares: 0, minNotionalUsd: 500, direction: "up" })).toBe(true);
    expect(isWhale(s, { minShares: 0, minNotionalUsd: 500, direction: "down" })).toBe(false);
  });
  it("leans nothing before the delay or after the hold, and decays linearly in between", () => {
    const p = { delaySec: 5, holdSec: 60, tilt: 0.06 };
    expect(whaleTilt(4_999, p)).toBe(0);
    expect(whaleTilt(5_000, p)).toBeCloseTo(0.055, 12);
    expect(whaleTilt(30_000, p)).toBeCloseTo(0.03, 12);
    expect(whaleTilt(60_001, p)).toBe(0);
  });
  it("calls a chase when the whale's side costs more than maxTicks beyond its price", () => {
    // An Up whale at 0.505: the ask may be 0.525 with 2 ticks, not 0.53.
    expect(chased({ up: true, price: 505_000 }, 500_000, 525_000, 10_000, 2)).toBe(false);
    expect(chased({ up: true, price: 505_000 }, 500_000, 530_000, 10_000, 2)).toBe(true);
    // A Down whale at an Up price of 0.45 paid 0.55 for Down; Down costs 1 − bid: 0.57 at a bid of 0.43 is 2 ticks, 0.58 is 3.
    expect(chased({ up: false, price: 450_000 }, 430_000, 500_000, 10_000, 2)).toBe(false);
    expect(chased({ up: false, price: 450_000 }, 420_000, 500_000, 10_000, 2)).toBe(true);
    expect(chased({ up: true, price: 505_000 }, 500_000, undefined, 10_000, 0)).toBe(false);
  });
  it("refuses filters that make every print a whale, and a delay longer than the hold", () => {
    expect(WhaleFollowParams.safeParse({ minShares: 0, minNotionalUsd: 0 }).error?.issues[0]?.path).toEqual(["minShares"]);
    expect(WhaleFollowParams.safeParse({ delaySec: 90, holdSec: 60 }).error?.issues[0]?.path).toEqual(["delaySec"]);
    expect(WhaleFollowParams.safeParse({ direction: "sideways" }).success).toBe(false);
    expect(WhaleFollowParams.safeParse({ tilt: 0.5 }).success).toBe(false);
  });
  it("takes a changed filter in place on a running trader, but restarts it for a new entry limit", () => {
    const cfg = (params: Record<string, unknown>) => TraderConfig.parse({ id: "w", kind: "trader", strategy: "whaleFollow", params });
    const updatable = traderKind.file!.updatable;
    expect(updatable(cfg({}), cfg({ minShares: 800, direction: "up", tilt: 0.1, ignoreSrc: ["exchange", "paper"] }))).toBe(true);
    expect(updatable(cfg({}), cfg({ maxEntries: 2 }))).toBe(false);
  });
});

describe("whaleFollow on a scripted market", () => {
  it("follows a large print into its direction only after the delay, its belief leaning toward the whale", () => {
    const f = floor({ minShares: 500, delaySec: 5, holdSec: 60, tilt: 0.06 });
    expect(f.core.belief(100_000)?.pUp).toBeCloseTo(0.495, 12); // no whale: the mid, nothing more
    f.sweep(100_000, "UP", "BUY", [[500_000, 400], [510_000, 300]]); // 700 shares of Up in one instant, average ~0.504
    expect(f.decide(100_000)).toEqual([]);
    expect(f.decide(104_999)).toEqual([]);
    expect(f.core.belief(104_999)?.pUp).toBeCloseTo(0.495, 12); // not seen yet
    const [o] = f.decide(105_000);
    expect(o).toMatchObject({ outcome: "Up", tokenId: "UP", side: "BUY", price: 500_000 } satisfies Partial<Signal>);
    // mid 0.495 + 0.06 × (1 − 5/60) = 0.55
    expect(o!.belief).toBeCloseTo(0.55, 12);
    expect(f.core.belief(105_000)?.pUp).toBeCloseTo(0.55, 12);
    expect(f.core.belief(160_001)?.pUp).toBeCloseTo(0.495, 12); // stale: back to the mid
  });
  it("keeps the last two-sided mid as its no-whale belief when the book goes one-sided, never a stale print's price", () => {
    const f = floor({ minShares: 500 });
    f.sweep(100_000, "UP", "BUY", [[600_000, 10]]); // a small print, far from the mid
    f.book(undefined, 500_000, 101_000); // one-sided: states no price
    expect(f.core.belief(102_000)?.pUp).toBeCloseTo(0.495, 12); // as the monitor pairs it: the last two-sided mid
    f.book(980_000, 990_000, 103_000);
    expect(f.core.belief(104_000)?.pUp).toBeCloseTo(0.985, 12);
  });
  it("follows a Down whale (a Down buy, or an Up sell) into Down", () => {
    const f = floor();
    f.sweep(100_000, "DN", "BUY", [[510_000, 800]]); // Down at 0.51: Up terms 0.49
    expect(f.decide(105_000)[0]).toMatchObject({ outcome: "Down", tokenId: "DN", price: 510_000 });
    const g = floor();
    g.sweep(100_000, "UP", "SELL", [[490_000, 800]]);
    expect(g.decide(105_000)[0]).toMatchObject({ outcome: "Down" });
  });
  it("does not follow small prints, however many, nor a whale too old to act on", () => {
    const f = floor({ minShares: 500 });
    for (let i = 0; i < 20; i++) f.sweep(100_000 + i * 1000, "UP", "BUY", [[500_000, 100]]); // 2,000 shares, but never 500 at once
    for (let t = 100_000; t <= 200_000; t += 1000) expect(f.decide(t)).toEqual([]);
    expect(f.core.describe()).toMatchObject({ whales: 0 });
    const g = floor({ minShares: 500, holdSec: 60 });
    g.sweep(100_000, "UP", "BUY", [[500_000, 600]]);
    expect(g.decide(160_001)).toEqual([]);
  });
  it("filters by notional when asked: 600 Up shares at 0.50 is $300", () => {
    const f = floor({ minShares: 0, minNotionalUsd: 301 });
    f.sweep(100_000, "UP", "BUY", [[500_000, 600]]);
    expect(f.decide(105_000)).toEqual([]);
    const g = floor({ minShares: 0, minNotionalUsd: 300 });
    g.sweep(100_000, "UP", "BUY", [[500_000, 600]]);
    expect(g.decide(105_000)).toHaveLength(1);
  });
  it("holds the direction filter", () => {
    const up = floor({ direction: "up" });
    up.sweep(100_000, "DN", "BUY", [[510_000, 800]]);
    expect(up.decide(105_000)).toEqual([]);
    expect(up.core.belief(105_000)?.pUp).toBeCloseTo(0.495, 12);
    up.sweep(110_000, "UP", "BUY", [[500_000, 800]]);
    expect(up.decide(115_000)[0]?.outcome).toBe("Up");
    const down = floor({ direction: "down" });
    down.sweep(100_000, "UP", "BUY", [[500_000, 800]]);
    expect(down.decide(105_000)).toEqual([]);
    down.sweep(110_000, "DN", "BUY", [[510_000, 800]]);
    expect(down.decide(115_000)[0]?.outcome).toBe("Down");
  });
  it("does not chase: no entry once the price ran more than maxChaseTicks beyond the whale's", () => {
    const f = floor({ maxChaseTicks: 2, tilt: 0.15 });
    f.sweep(100_000, "UP", "BUY", [[500_000, 800]]); // whale at 0.50
    f.book(520_000, 530_000); // the ask ran 3 ticks
    expect(f.decide(105_000)).toEqual([]);
    f.book(510_000, 520_000); // back to 2 ticks: still in reach
    expect(f.decide(106_000)[0]).toMatchObject({ outcome: "Up", price: 520_000 });
    const down = floor({ maxChaseTicks: 0, tilt: 0.15 });
    down.sweep(100_000, "DN", "BUY", [[510_000, 800]]); // Down at 0.51 (Up 0.49)
    down.book(480_000, 490_000); // Down now costs 0.52: one tick beyond
    expect(down.decide(105_000)).toEqual([]);
  });
  it("never follows the floor's own fills, nor prints no larger than its own exposure (its fills echoed back)", () => {
    const f = floor({ minShares: 500, maxEntries: 3 });
    f.sweep(100_000, "UP", "BUY", [[500_000, 5000]], "exchange"); // the paper exchange printing a floor trader's fill
    expect(f.decide(105_000)).toEqual([]);
    f.sweep(110_000, "UP", "BUY", [[500_000, 600]]);
    expect(f.decide(115_000)[0]?.outcome).toBe("Up"); // the public's whale is followed
    // Its own fill of o.size shares, echoed by the venue's public feed (src feed), is not a whale even when minShares would pass it.
    const g = floor({ minShares: 5, maxEntries: 3 });
    g.sweep(110_000, "UP", "BUY", [[500_000, 600]]);
    const [q] = g.decide(115_000);
    g.core.placed("e1", q!);
    g.sweep(115_500, "UP", "BUY", [[500_000, q!.size / 1_000_000]]); // the echo, before the fill news
    g.core.onOrder({ type: "fill", intentId: "e1", marketId: "m1", outcome: "Up", size: q!.size, sharesDelta: q!.size });
    g.sweep(116_000, "UP", "BUY", [[500_000, q!.size / 1_000_000]]); // or after it
    expect(g.core.describe()).toMatchObject({ whales: 1, ignoredPrints: 2 });
    expect(g.decide(121_500)).toEqual([]);
  });
  it("enters once per whale, and again for a new one when it may enter more than once a window", () => {
    const f = floor({ maxEntries: 2 });
    f.sweep(100_000, "UP", "BUY", [[500_000, 800]]);
    const [o] = f.decide(105_000);
    f.core.placed("e1", o!);
    f.core.onOrder({ type: "fill", intentId: "e1", marketId: "m1", outcome: "Up", size: o!.size, sharesDelta: o!.size });
    expect(f.decide(106_000)).toEqual([]); // the same whale: followed already
    f.sweep(120_000, "DN", "BUY", [[510_000, 900]]);
    expect(f.decide(125_000)[0]?.outcome).toBe("Down");
  });
  it("forgets its whale with the window, and keeps it across a save and restore", () => {
    const f = floor();
    f.sweep(100_000, "UP", "BUY", [[500_000, 800]]);
    const saved = JSON.parse(JSON.stringify(f.core.save())) as unknown;
    const p = WhaleFollowParams.parse({});
    const again = strategyCore("whaleFollow", whaleFollow.create(p), p);
    again.restore(saved);
    expect(orders(again.decide(105_000, account))[0]?.outcome).toBe("Up");
    expect(again.describe()).toMatchObject({ whales: 1 });
    f.core.onMarket({ ...m, marketId: "m2", startTs: 900_000, endTs: 1_800_000 });
    f.core.onBook("m2", { bid: 490_000, ask: 500_000, bidSize: shares(500), askSize: shares(500), ts: 900_000 });
    expect(orders(f.core.decide(905_000, account))).toEqual([]);
  });
});

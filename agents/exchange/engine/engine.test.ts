import { describe, expect, it } from "vitest";
import { EngineAccount, MarketEngine, clobMessages, type EngineConfig, type EngineEvent, type EngineOrder, type FillEvent } from "./index.ts";

const M = 1_000_000;
const c = (x: number) => Math.round(x * 10_000) * 100; // price in cents-ish → micro
const s = (x: number) => x * M; // shares → micro
const cfg = (over: Partial<EngineConfig> = {}): EngineConfig => ({ tickSize: 10_000, minSize: s(5), fee: { rate: 0, exponent: 1, takerOnly: true }, rebateRate: 0.2, ...over });
const order = (o: Partial<EngineOrder> & { orderId: string }): EngineOrder => ({ side: "BUY", outcome: "Up", price: c(0.5), size: s(10), type: "GTC", ...o });
const fills = (ev: EngineEvent[]): FillEvent[] => ev.filter((e): e is FillEvent => e.type === "fill");
const book = (bids: Array<[number, number]>, asks: Array<[number, number]>) => ({
  bids: bids.map(([p, q]) => ({ price: c(p), size: s(q) })),
  asks: asks.map(([p, q]) => ({ price: c(p), size: s(q) })),
});

function engine(over: Partial<EngineConfig> = {}) {
  const e = new MarketEngine(cfg(over));
  e.snapshot(book([[0.48, 100], [0.47, 50]], [[0.52, 30], [0.53, 40], [0.55, 100]]), 0);
  return e;
}

describe("taker matching", () => {
  it("walks ask levels at price priority, each at its own price", () => {
    const e = engine();
    const ev = e.submit(order({ orderId: "a", price: c(0.53), size: s(50), type: "FAK" }), 1);
    expect(ev[0]).toMatchObject({ type: "ack", orderId: "a" });
    expect(fills(ev).map((f) => [f.price, f.size, f.liquidity])).toEqual([[c(0.52), s(30), "taker"], [c(0.53), s(20), "taker"]]);
    expect(e.book().asks[0]).toEqual({ price: c(0.53), size: s(20) });
  });

  it("a Down buy at c takes Up bids at 1 − c and is reported in Down terms", () => {
    const e = engine();
    const ev = e.submit(order({ orderId: "d", outcome: "Down", side: "BUY", price: c(0.53), size: s(120), type: "FAK" }), 1);
    expect(fills(ev).map((f) => [f.outcome, f.price, f.size])).toEqual([["Down", c(0.52), s(100)], ["Down", c(0.53), s(20)]]);
    expect(e.book().bids).toEqual([{ price: c(0.47), size: s(30) }]);
  });

  it("FAK fills what it can and cancels the rest; with nothing to match it is rejected", () => {
    const e = engine();
    const ev = e.submit(order({ orderId: "f", price: c(0.52), size: s(50), type: "FAK" }), 1);
    expect(fills(ev).reduce((a, f) => a + f.size, 0)).toBe(s(30));
    expect(ev.at(-1)).toEqual({ type: "cancel", at: 1, orderId: "f", remaining: s(20), reason: "fak-remainder" });
    expect(e.submit(order({ orderId: "g", price: c(0.51), type: "FAK" }), 2)).toEqual([{ type: "reject", at: 2, orderId: "g", request: "submit", reason: clobMessages.fakNoMatch }]);
  });

  it("FOK is all or nothing", () => {
    const e = engine();
    const no = e.submit(order({ orderId: "k", price: c(0.53), size: s(71), type: "FOK" }), 1);
    expect(no).toEqual([{ type: "reject", at: 1, orderId: "k", request: "submit", reason: clobMessages.fokNotFilled }]);
    expect(e.book().asks[0]!.size).toBe(s(30));
    const yes = e.submit(order({ orderId: "k2", price: c(0.53), size: s(70), type: "FOK" }), 1);
    expect(fills(yes).reduce((a, f) => a + f.size, 0)).toBe(s(70));
    expect(yes.some((x) => x.type === "cancel")).toBe(false);
  });

  it("GTC takes what crosses and rests the remainder behind the level's size", () => {
    const e = engine();
    const ev = e.submit(order({ orderId: "g", price: c(0.52), size: s(50) }), 1);
    expect(fills(ev)[0]).toMatchObject({ size: s(30), liquidity: "taker" });
    expect(ev.at(-1)).toMatchObject({ type: "rest", remaining: s(20), ahead: 0 });
    const ev2 = e.submit(order({ orderId: "h", price: c(0.48), size: s(10) }), 2);
    expect(ev2).toEqual([{ type: "ack", at: 2, orderId: "h" }, { type: "rest", at: 2, orderId: "h", price: c(0.48), remaining: s(10), ahead: s(100) }]);
  });

  it("liquidity we took stays gone until the next snapshot", () => {
    const e = engine();
    e.submit(order({ orderId: "a", price: c(0.52), size: s(30), type: "FAK" }), 1);
    expect(e.submit(order({ orderId: "b", price: c(0.52), size: s(30), type: "FAK" }), 2)[0]).toMatchObject({ type: "reject" });
    e.snapshot(book([[0.48, 100]], [[0.52, 30]]), 3);
    expect(fills(e.submit(order({ orderId: "c", price: c(0.52), size: s(30), type: "FAK" }), 4))).toHaveLength(1);
  });
});

describe("CLOB validation messages", () => {
  const e = engine();
  const rej = (o: EngineOrder) => e.submit(o, 1).find((x) => x.type === "reject")?.reason;
  it("tick, price range, min size, duplicate", () => {
    expect(rej(order({ orderId: "t", price: 505_000 }))).toBe("order t is invalid. Price (0.505) breaks minimum tick size rule: 0.01");
    expect(rej(order({ orderId: "r", price: c(0.995) }))).toBe("invalid price (0.995), min: 0.01 - max: 0.99");
    expect(rej(order({ orderId: "r0", price: 0 }))).toBe("invalid price (0), min: 0.01 - max: 0.99");
    expect(rej(order({ orderId: "m", size: s(4) }))).toBe("order m is invalid. Size (4) lower than the minimum: 5");
    expect(rej(order({ orderId: "ok", price: c(0.4) }))).toBeUndefined();
    expect(rej(order({ orderId: "ok", price: c(0.4) }))).toBe("order ok is invalid. Duplicated.");
  });
  it("post-only: not with FOK/FAK, and rejected when it would cross", () => {
    expect(rej(order({ orderId: "p1", type: "FAK", postOnly: true }))).toBe("invalid post-only order: only GTC and GTD order types are allowed");
    expect(rej(order({ orderId: "p2", type: "FOK", postOnly: true }))).toBe("invalid post-only order: only GTC and GTD order types are allowed");
    expect(rej(order({ orderId: "p3", price: c(0.52), postOnly: true }))).toBe("invalid post-only order: order crosses book");
    expect(rej(order({ orderId: "p4", price: c(0.51), postOnly: true }))).toBeUndefined();
    expect(e.orders().some((o) => o.orderId === "p4")).toBe(true);
  });
  it("GTD needs an expiry in the future", () => {
    expect(rej(order({ orderId: "x1", type: "GTD", price: c(0.3) }))).toBe("invalid expiration");
    expect(rej(order({ orderId: "x2", type: "GTD", price: c(0.3), expiresAt: 1 }))).toBe("invalid expiration");
    expect(rej(order({ orderId: "x3", type: "GTD", price: c(0.3), expiresAt: 2 }))).toBeUndefined();
  });
  it("cancel of an unknown order is rejected", () => {
    expect(e.cancel("nope", 1)).toEqual([{ type: "reject", at: 1, orderId: "nope", request: "cancel", reason: "order nope not found" }]);
  });
});

describe("queue position", () => {
  it("prints at our price consume the size ahead first, then fill us as maker", () => {
    const e = engine();
    e.submit(order({ orderId: "q", price: c(0.48), size: s(10) }), 1);
    expect(e.orders()[0]!.ahead).toBe(s(100));
    expect(fills(e.trade({ price: c(0.48), size: s(60), side: "SELL" }, 2))).toEqual([]);
    expect(e.orders()[0]!.ahead).toBe(s(40));
    expect(fills(e.trade({ price: c(0.48), size: s(40), side: "BUY" }, 3))).toEqual([]); // taker BUY hits asks, not our bid
    expect(e.orders()[0]!.ahead).toBe(s(40));
    const ev = fills(e.trade({ price: c(0.48), size: s(45), side: "SELL" }, 4));
    expect(ev).toHaveLength(1);
    expect(ev[0]).toMatchObject({ orderId: "q", size: s(5), liquidity: "maker", cause: "print", price: c(0.48), feeShares: 0, feeUsd: 0 });
    expect(e.orders()[0]).toMatchObject({ ahead: 0, remaining: s(5) });
  });

  it("our own orders at one level fill in arrival order, with external size between them", () => {
    const e = engine();
    e.submit(order({ orderId: "o1", price: c(0.48), size: s(10) }), 1); // ahead 100
    e.snapshot(book([[0.48, 120], [0.47, 50]], [[0.52, 30]]), 2); // 20 joined behind o1
    e.submit(order({ orderId: "o2", price: c(0.48), size: s(10) }), 3); // ahead 120
    const f = fills(e.trade({ price: c(0.48), size: s(125), side: "SELL" }, 4));
    expect(f.map((x) => [x.orderId, x.size])).toEqual([["o1", s(10)]]); // 100 ext, o1 10, then 15 of the 20 behind o1
    expect(e.orders().map((o) => [o.orderId, o.ahead])).toEqual([["o2", s(5)]]);
    expect(fills(e.trade({ price: c(0.48), size: s(8), side: "SELL" }, 5)).map((x) => x.size)).toEqual([s(3)]);
  });

  it("a shrinking level in a snapshot advances the queue but never fills", () => {
    const e = engine();
    e.submit(order({ orderId: "q", price: c(0.48), size: s(10) }), 1);
    expect(fills(e.snapshot(book([[0.48, 30]], [[0.52, 30]]), 2))).toEqual([]);
    expect(e.orders()[0]!.ahead).toBe(s(30));
    e.snapshot(book([[0.48, 80]], [[0.52, 30]]), 3); // growth joins behind us
    expect(e.orders()[0]!.ahead).toBe(s(30));
    e.snapshot(book([[0.48, 60]], [[0.52, 30]]), 4); // −20: from ahead first
    expect(e.orders()[0]!.ahead).toBe(s(10));
    e.snapshot(book([], [[0.52, 30]]), 5);
    expect(e.orders()[0]).toMatchObject({ ahead: 0, remaining: s(10) });
  });

  it("a print already counted is not counted again when the snapshot shows the same shrinkage", () => {
    const e = engine();
    e.submit(order({ orderId: "q", price: c(0.48), size: s(10) }), 1);
    e.trade({ price: c(0.48), size: s(30), side: "SELL" }, 2);
    expect(e.orders()[0]!.ahead).toBe(s(70));
    e.snapshot(book([[0.48, 70]], [[0.52, 30]]), 3);
    expect(e.orders()[0]!.ahead).toBe(s(70));
  });

  it("trade-through: a print below our bid clears the queue and fills us up to its size", () => {
    const e = engine();
    e.submit(order({ orderId: "q", price: c(0.48), size: s(10) }), 1);
    const f = fills(e.trade({ price: c(0.47), size: s(4), side: "SELL" }, 2));
    expect(f.map((x) => [x.size, x.price, x.cause])).toEqual([[s(4), c(0.48), "print"]]);
    expect(e.orders()[0]).toMatchObject({ ahead: 0, remaining: s(6) });
  });

  it("a snapshot whose asks cross our bid fills us as maker at our price, up to the crossing size", () => {
    const e = engine();
    e.submit(order({ orderId: "q", price: c(0.5), size: s(10) }), 1);
    const f = fills(e.snapshot(book([[0.45, 10]], [[0.49, 4], [0.5, 3], [0.51, 100]]), 2));
    expect(f.map((x) => [x.size, x.price, x.liquidity, x.cause])).toEqual([[s(4), c(0.5), "maker", "cross"], [s(3), c(0.5), "maker", "cross"]]);
    expect(e.book().asks).toEqual([{ price: c(0.51), size: s(100) }]);
    expect(e.orders()[0]!.remaining).toBe(s(3));
  });

  it("Down resting orders queue on the Up book: a Down buy at 0.48 is an Up ask at 0.52", () => {
    const e = engine();
    e.submit(order({ orderId: "d", outcome: "Down", price: c(0.48), size: s(10) }), 1);
    expect(e.orders()[0]).toMatchObject({ upSide: "SELL", upPrice: c(0.52), ahead: s(30) });
    // Taker buys Up at 0.52 (= a Down seller at 0.48 from the other side)
    expect(fills(e.trade({ price: c(0.48), size: s(35), side: "SELL", outcome: "Down" }, 2)).map((x) => [x.outcome, x.side, x.price, x.size])).toEqual([["Down", "BUY", c(0.48), s(5)]]);
  });
});

describe("latency and time", () => {
  it("an order acts on the book as of its arrival, not its send time", () => {
    const e = engine();
    expect(e.submit(order({ orderId: "l", price: c(0.52), size: s(10), type: "FAK" }), 10, 50)).toEqual([]);
    expect(e.inFlight()).toBe(1);
    e.snapshot(book([[0.48, 100]], [[0.53, 30]]), 30); // the ask at 0.52 is gone before it arrives
    const ev = e.advance(60);
    expect(ev).toEqual([{ type: "reject", at: 60, orderId: "l", request: "submit", reason: clobMessages.fakNoMatch }]);
  });

  it("market data stamped t is applied before arrivals at t; arrivals run in time order", () => {
    const e = engine();
    e.submit(order({ orderId: "slow", price: c(0.52), size: s(30), type: "FAK" }), 0, 20);
    e.submit(order({ orderId: "fast", price: c(0.52), size: s(30), type: "FAK" }), 5, 5);
    const ev = e.snapshot(book([[0.48, 100]], [[0.52, 30]]), 10); // restores 30 at 0.52 at t=10
    expect(fills(ev).map((f) => f.orderId)).toEqual(["fast"]);
    expect(e.advance(20)[0]).toMatchObject({ orderId: "slow", type: "reject" });
  });

  it("a late cancel can lose the race against a fill", () => {
    const e = engine();
    e.submit(order({ orderId: "q", price: c(0.48), size: s(10) }), 1);
    e.snapshot(book([[0.48, 0.000001]], [[0.52, 30]]), 2);
    e.cancel("q", 3, 10);
    const f = fills(e.trade({ price: c(0.48), size: s(20), side: "SELL" }, 5));
    expect(f[0]).toMatchObject({ orderId: "q", size: s(10) });
    expect(e.advance(13)[0]).toMatchObject({ type: "reject", request: "cancel" });
  });

  it("GTD expires at its time, before arrivals at the same time", () => {
    const e = engine();
    e.submit(order({ orderId: "gtd", type: "GTD", price: c(0.3), expiresAt: 100 }), 1);
    e.submit(order({ orderId: "late", price: c(0.3) }), 90, 10);
    const ev = e.advance(150);
    expect(ev.map((x) => [x.type, x.orderId, x.at])).toEqual([["cancel", "gtd", 100], ["ack", "late", 100], ["rest", "late", 100]]);
    expect(ev[0]).toMatchObject({ reason: "expired", remaining: s(10) });
  });

  it("the clock may not go backwards", () => {
    const e = engine();
    expect(() => e.advance(-1)).toThrow(RangeError);
  });
});

describe("tick size change", () => {
  it("cancels resting orders off the new grid and keeps the rest in place", () => {
    const e = new MarketEngine(cfg({ tickSize: 1_000 }));
    e.snapshot({ ...book([[0.48, 100]], [[0.52, 30]]), tickSize: 1_000 }, 0);
    e.submit(order({ orderId: "on", price: c(0.48) }), 1);
    e.submit(order({ orderId: "off", price: 481_000 }), 1);
    const ev = e.snapshot({ ...book([[0.48, 100]], [[0.52, 30]]), tickSize: 10_000 }, 2);
    expect(ev).toEqual([{ type: "cancel", at: 2, orderId: "off", remaining: s(10), reason: "tick-size-change" }]);
    expect(e.orders().map((o) => [o.orderId, o.ahead])).toEqual([["on", s(100)]]);
    expect(e.tickSizeChange(1_000, 3)).toEqual([]);
    expect(e.submit(order({ orderId: "fine", price: 481_000 }), 4)[0]).toMatchObject({ type: "ack" });
  });
});

describe("fees and rebates", () => {
  const pub = (fee: EngineConfig["fee"]) => {
    const e = new MarketEngine(cfg({ fee }));
    e.snapshot(book([[0.5, 1000]], [[0.5, 1000]]), 0);
    return e;
  };
  const V2 = { rate: 0.07, exponent: 1, takerOnly: true, currency: "usd" as const };
  it("rate 0.07, exponent 1 in pUSD: 100 shares at 0.50 cost $1.75 on either side; a buy books cash −(notional + fee) and every share", () => {
    const sell = fills(pub(V2).submit(order({ orderId: "s", side: "SELL", price: c(0.5), size: s(100), type: "FAK" }), 1))[0]!;
    expect(sell).toMatchObject({ feeUsd: 1_750_000, feeShares: 0, cashDelta: 50_000_000 - 1_750_000, sharesDelta: -s(100) });
    const buy = fills(pub(V2).submit(order({ orderId: "b", side: "BUY", price: c(0.5), size: s(100), type: "FAK" }), 1))[0]!;
    expect(buy).toMatchObject({ feeUsd: 1_750_000, feeShares: 0, rebate: 0, cashDelta: -(50_000_000 + 1_750_000), sharesDelta: s(100) });
  });
  it("the shares reading: a buy pays its fee in shares, a sell in USD", () => {
    const shares = { ...V2, currency: "shares" as const };
    const sell = fills(pub(shares).submit(order({ orderId: "s", side: "SELL", price: c(0.5), size: s(100), type: "FAK" }), 1))[0]!;
    expect(sell).toMatchObject({ feeUsd: 1_750_000, feeShares: 0, cashDelta: 50_000_000 - 1_750_000, sharesDelta: -s(100) });
    const buy = fills(pub(shares).submit(order({ orderId: "b", side: "BUY", price: c(0.5), size: s(100), type: "FAK" }), 1))[0]!;
    expect(buy).toMatchObject({ feeShares: 1_750_000, feeUsd: 0, cashDelta: -50_000_000, sharesDelta: s(100) - 1_750_000 });
  });
  it("rate 0.25, exponent 2 in shares (January 2026): a taker buy of 100 at 0.50 pays 1.5625 shares", () => {
    const buy = fills(pub({ rate: 0.25, exponent: 2, takerOnly: true, currency: "shares" }).submit(order({ orderId: "b", side: "BUY", price: c(0.5), size: s(100), type: "FOK" }), 1))[0]!;
    expect(buy.feeShares).toBe(1_562_500);
  });
  it("a taker rebate accrues on a taker fill, outside cash", () => {
    const buy = fills(pub({ ...V2, takerRebateRate: 0.2 }).submit(order({ orderId: "b", side: "BUY", price: c(0.5), size: s(100), type: "FAK" }), 1))[0]!;
    expect(buy).toMatchObject({ liquidity: "taker", feeUsd: 1_750_000, rebate: 350_000, cashDelta: -51_750_000 });
  });
  it("a maker fill pays no fee and accrues rebateRate × the taker's fee", () => {
    const e = new MarketEngine(cfg({ fee: { rate: 0.07, exponent: 1, takerOnly: true }, rebateRate: 0.2 }));
    e.snapshot(book([[0.49, 10]], [[0.51, 10]]), 0);
    e.submit(order({ orderId: "m", side: "SELL", price: c(0.5), size: s(100) }), 1);
    const f = fills(e.trade({ price: c(0.5), size: s(100), side: "BUY" }, 2))[0]!;
    expect(f).toMatchObject({ liquidity: "maker", feeUsd: 0, feeShares: 0, rebate: 350_000, cashDelta: 50_000_000 });
    const acct = new EngineAccount(0);
    acct.apply([f]);
    expect(acct.cash).toBe(50_350_000);
  });
});

describe("EngineAccount", () => {
  const run = (fee: EngineConfig["fee"]) => {
    const e = new MarketEngine(cfg({ fee }));
    e.snapshot(book([[0.4, 1000]], [[0.6, 1000]]), 0);
    const a = new EngineAccount(s(100));
    a.apply(e.submit(order({ orderId: "b", side: "BUY", price: c(0.6), size: s(10), type: "FAK" }), 1));
    a.apply(e.submit(order({ orderId: "s", side: "SELL", price: c(0.4), size: s(5), type: "FAK" }), 2));
    return { a, pnl: a.settle("Up") };
  };
  it("cash + settlement = start + realized PnL = proceeds − costs − fees + rebates (fees in shares)", () => {
    const { a, pnl } = run({ rate: 0.07, exponent: 1, takerOnly: true, currency: "shares" });
    // bought 10 at 0.60 (fee 0.168 shares), sold 5 at 0.40 (fee $0.084): 4.832 shares pay 1
    expect(a.cash).toBe(s(100) - 6_000_000 + 2_000_000 - 84_000 + 4_832_000);
    expect(pnl).toBe(a.cash - a.startCash);
    expect(pnl).toBe(a.proceeds - a.costs - a.fees + a.rebates);
  });
  it("the same with fees in pUSD: the buy's fee leaves cash, all 5 remaining shares pay 1", () => {
    const { a, pnl } = run({ rate: 0.07, exponent: 1, takerOnly: true, currency: "usd" });
    expect(a.cash).toBe(s(100) - 6_000_000 - 168_000 + 2_000_000 - 84_000 + 5_000_000);
    expect(a.costs).toBe(6_000_000);
    expect(a.fees).toBe(168_000 + 84_000);
    expect(pnl).toBe(a.cash - a.startCash);
    expect(pnl).toBe(a.proceeds - a.costs - a.fees + a.rebates);
  });
});

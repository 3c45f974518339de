import { describe, expect, it } from "vitest";
import { MarketEngine, type EngineConfig, type EngineEvent, type EngineOrder, type FillEvent } from "./index.ts";

// Fresh-quote mode, the replay's fill rule: an order meets only a book recorded after it reached the venue.
const M = 1_000_000;
const c = (x: number) => Math.round(x * 100) * 10_000;
const s = (x: number) => x * M;
const cfg: EngineConfig = { tickSize: 10_000, minSize: s(5), fee: { rate: 0, exponent: 1, takerOnly: true }, rebateRate: 0, freshQuotes: true };
const order = (o: Partial<EngineOrder> & { orderId: string }): EngineOrder => ({ side: "BUY", outcome: "Up", price: c(0.52), size: s(10), type: "FAK", ...o });
const fills = (ev: EngineEvent[]): FillEvent[] => ev.filter((e): e is FillEvent => e.type === "fill");
const book = (bid: number, ask: number) => ({ bids: [{ price: c(bid), size: s(100) }], asks: [{ price: c(ask), size: s(100) }] });

function stale(fresh = true) {
  const e = new MarketEngine({ ...cfg, freshQuotes: fresh });
  e.snapshot(book(0.5, 0.52), 0); // recorded at minute 0
  return e;
}

describe("fresh quotes (replay)", () => {
  it("without the rule an order takes the stale book at once (the old replay)", () => {
    const e = stale(false);
    expect(fills(e.submit(order({ orderId: "a" }), 30_000)).map((f) => [f.price, f.at])).toEqual([[c(0.52), 30_000]]);
  });

  it("waits for the next recorded book and fills there, at that book's price and time", () => {
    const e = stale();
    expect(e.submit(order({ orderId: "a" }), 30_000, 1000)).toEqual([]);
    expect(e.advance(45_000)).toEqual([]);
    expect(e.inFlight()).toBe(1);
    const ev = e.snapshot(book(0.49, 0.51), 60_000);
    expect(ev[0]).toMatchObject({ type: "ack", orderId: "a", at: 60_000 });
    expect(fills(ev).map((f) => [f.price, f.size, f.at])).toEqual([[c(0.51), s(10), 60_000]]);
    expect(e.inFlight()).toBe(0);
  });

  it("a FAK whose limit the next book has moved past is refused: no fill at the old price", () => {
    const e = stale();
    e.submit(order({ orderId: "a" }), 30_000, 1000);
    const ev = e.snapshot(book(0.55, 0.57), 60_000);
    expect(fills(ev)).toEqual([]);
    expect(ev).toEqual([expect.objectContaining({ type: "reject", orderId: "a", request: "submit" })]);
  });

  it("a book stamped at the arrival instant is not after it: the order waits for a later one", () => {
    const e = stale();
    e.submit(order({ orderId: "a" }), 29_000, 1000);
    expect(e.snapshot(book(0.5, 0.51), 30_000)).toEqual([]);
    expect(fills(e.snapshot(book(0.5, 0.51), 31_000))).toHaveLength(1);
  });

  it("a cancel takes back a waiting order whole; the close refuses what is still waiting", () => {
    const e = stale();
    e.submit(order({ orderId: "a" }), 30_000);
    e.submit(order({ orderId: "b" }), 30_000);
    expect(e.cancel("a", 31_000)).toEqual([expect.objectContaining({ type: "cancel", orderId: "a", reason: "user-cancel", remaining: s(10) })]);
    const closed = e.close(40_000);
    expect(closed).toEqual([expect.objectContaining({ type: "reject", orderId: "b", reason: "market closed before a price was recorded after the order" })]);
  });

  it("a checkpoint keeps the waiting orders", () => {
    const e = stale();
    e.submit(order({ orderId: "a" }), 30_000);
    const back = MarketEngine.restore(JSON.parse(JSON.stringify(e.save())));
    expect(fills(back.snapshot(book(0.49, 0.51), 60_000)).map((f) => f.price)).toEqual([c(0.51)]);
  });
});

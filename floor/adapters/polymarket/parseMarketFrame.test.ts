import { describe, expect, it } from "vitest";
import { wsPayloads } from "../../../tests/feed/live/fixtures.ts";
import { parseMarketFrame, type FrameItem } from "./parseMarketFrame.ts";

const fx = wsPayloads();
const items = (text: string): FrameItem[] => {
  const p = parseMarketFrame(text);
  if ("pong" in p) throw new Error("unexpected pong");
  return p.items;
};
const events = (text: string) => items(text).flatMap((i) => ("event" in i ? [i.event] : []));

describe("parseMarketFrame", () => {
  it("treats PONG as a keepalive", () => {
    expect(parseMarketFrame("PONG")).toEqual({ pong: true });
  });

  it("parses the initial snapshot array of book events to micro-units, keeping the wire order", () => {
    const [up, down] = events(JSON.stringify(fx.bookSnapshot));
    expect(up).toMatchObject({ event_type: "book", asset_id: fx.upTokenId, timestamp: 1784850905337, tick_size: 10_000, last_trade_price: 520_000 });
    expect(up?.event_type === "book" && up.asks.map((l) => l.price)).toEqual([550_000, 540_000, 530_000]);
    expect(up?.event_type === "book" && up.bids[2]).toEqual({ price: 510_000, size: 2_200_800_000 });
    expect(down).toMatchObject({ asset_id: fx.downTokenId });
  });

  it("parses price_change entries with \"\" optional decimals", () => {
    const [e] = events(JSON.stringify(fx.priceChange));
    if (e?.event_type !== "price_change") throw new Error("expected price_change");
    expect(e.price_changes).toHaveLength(3);
    expect(e.price_changes[1]).toMatchObject({ price: 530_000, size: 0, side: "SELL" });
    expect(e.price_changes[2]).toMatchObject({ best_bid: undefined, best_ask: 480_000 });
  });

  it("parses tick_size_change, last_trade_price, best_bid_ask and market_resolved", () => {
    const frame = JSON.stringify([fx.tickSizeChange, fx.lastTradePrice, fx.bestBidAsk, fx.marketResolved]);
    const [tick, trade, bba, resolved] = events(frame);
    expect(tick).toMatchObject({ event_type: "tick_size_change", new_tick_size: 1_000, old_tick_size: 10_000 });
    expect(trade).toMatchObject({ event_type: "last_trade_price", price: 585_000, size: 2_460_000, side: "SELL", fee_rate_bps: undefined });
    expect(bba).toMatchObject({ event_type: "best_bid_ask", best_bid: 585_000, best_ask: 587_000, spread: undefined });
    expect(resolved).toMatchObject({ event_type: "market_resolved", winning_asset_id: fx.upTokenId });
  });

  it("ignores event types the floor does not use, naming them", () => {
    expect(items(JSON.stringify(fx.newMarket))).toEqual([{ unknown: "new_market" }]);
  });

  it("reports malformed frames and items without throwing", () => {
    const bad = [
      "{not json",
      '{"event_type":"book"',
      "42",
      "null",
      '{"asset_id":"1"}',
      JSON.stringify({ ...fx.lastTradePrice, price: 0.5 }),
      JSON.stringify({ ...fx.lastTradePrice, price: "1e400" }),
      JSON.stringify({ ...fx.lastTradePrice, asset_id: 7.2690798903588392e76 }),
      JSON.stringify({ ...fx.bookSnapshot[0], bids: "none" }),
    ];
    for (const text of bad) {
      const got = items(text);
      expect(got).toHaveLength(1);
      expect(got[0]).toHaveProperty("malformed");
    }
  });

  it("keeps the good items of an array that also holds bad ones", () => {
    const got = items(JSON.stringify([fx.lastTradePrice, 7, fx.bestBidAsk]));
    expect(got.map((i) => Object.keys(i)[0])).toEqual(["event", "malformed", "event"]);
  });
});

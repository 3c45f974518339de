import { describe, expect, it } from "vitest";
import { parseUserFrame, tradeFromUserEvent, UserOrderEvent, UserTradeEvent } from "./userMessages.ts";

// The reference's example payloads (§2.2, from the official user-channel docs), verbatim.
const ORDER_DOC = `{"event_type":"order","id":"0xff354cd7…","owner":"9180014b-…","market":"0xbd31dc8a…","asset_id":"5211431950…",
 "side":"SELL","order_owner":"9180014b-…","original_size":"10","size_matched":"0","price":"0.57","associate_trades":null,
 "outcome":"YES","type":"PLACEMENT","created_at":"1672290687","expiration":"1234567","order_type":"GTD",
 "status":"LIVE","maker_address":"0x1234...","timestamp":"1672290687"}`;
const TRADE_DOC = `{"event_type":"trade","type":"TRADE","id":"28c4d2eb-bbea-40e7-a9f0-b2fdb56b2c2e",
 "taker_order_id":"0x06bc63e3…","market":"0xbd31dc8a…","asset_id":"5211431950…","side":"BUY","size":"10",
 "price":"0.57","fee_rate_bps":"0","status":"MATCHED","match_time":"1672290701","last_update":"1672290701",
 "outcome":"YES","owner":"9180014b-…","trade_owner":"9180014b-…",
 "maker_orders":[{"asset_id":"5211431950…","matched_amount":"10","order_id":"0xff354cd7…","outcome":"YES",
                  "owner":"9180014b-…","price":"0.57"}],"timestamp":"1672290701"}`;

const docTrade = (patch: Record<string, unknown> = {}) => UserTradeEvent.parse({ ...(JSON.parse(TRADE_DOC) as object), ...patch });

describe("user channel schemas", () => {
  it("parses the documented order event", () => {
    const o = UserOrderEvent.parse(JSON.parse(ORDER_DOC));
    expect(o).toMatchObject({ id: "0xff354cd7…", type: "PLACEMENT", status: "LIVE", side: "SELL", price: "0.57", original_size: "10", size_matched: "0", order_type: "GTD" });
    expect(o.associate_trades).toBeNull();
  });

  it("converts the documented trade event to the REST Trade shape", () => {
    const t = tradeFromUserEvent(docTrade());
    expect(t).toEqual({
      id: "28c4d2eb-bbea-40e7-a9f0-b2fdb56b2c2e", taker_order_id: "0x06bc63e3…", market: "0xbd31dc8a…", asset_id: "5211431950…",
      side: "BUY", size: "10", fee_rate_bps: "0", price: "0.57", status: "MATCHED", match_time: "1672290701", last_update: "1672290701",
      outcome: "YES", bucket_index: 0, owner: "9180014b-…", maker_address: "", trader_side: "TAKER",
      maker_orders: [{ order_id: "0xff354cd7…", owner: "9180014b-…", maker_address: "", matched_amount: "10", price: "0.57", fee_rate_bps: "0", asset_id: "5211431950…", outcome: "YES" }],
    });
  });

  it("takes match_time, else the older matchtime, else timestamp", () => {
    const raw = JSON.parse(TRADE_DOC) as Record<string, unknown>;
    delete raw.match_time;
    expect(tradeFromUserEvent(UserTradeEvent.parse({ ...raw, matchtime: "1672290699" })).match_time).toBe("1672290699");
    delete raw.last_update;
    const t = tradeFromUserEvent(UserTradeEvent.parse({ ...raw, timestamp: "1672290777" }));
    expect([t.match_time, t.last_update]).toEqual(["1672290777", "1672290777"]);
  });

  it("normalises TRADE_STATUS_ prefixes and empty fees; keeps the newer fields", () => {
    const t = tradeFromUserEvent(docTrade({ status: "TRADE_STATUS_CONFIRMED", fee_rate_bps: "", trader_side: "MAKER", bucket_index: 2, transaction_hash: "0xabc", maker_address: "0xdef", err_msg: null }));
    expect(t).toMatchObject({ status: "CONFIRMED", fee_rate_bps: "0", trader_side: "MAKER", bucket_index: 2, transaction_hash: "0xabc", maker_address: "0xdef", err_msg: null });
    expect(tradeFromUserEvent(docTrade({ status: "failed" })).status).toBe("FAILED");
  });

  it("labels trader_side MAKER when a maker leg is owned by our key", () => {
    expect(tradeFromUserEvent(docTrade(), "9180014b-…").trader_side).toBe("MAKER");
    expect(tradeFromUserEvent(docTrade(), "someone-else").trader_side).toBe("TAKER");
  });
});

describe("parseUserFrame", () => {
  it("reads arrays, single objects and PONG", () => {
    const f = parseUserFrame(`[${ORDER_DOC},${TRADE_DOC}]`);
    expect("items" in f && f.items.map((i) => Object.keys(i)[0])).toEqual(["order", "trade"]);
    expect(parseUserFrame("PONG")).toEqual({ pong: true });
    expect(parseUserFrame(" pong\n")).toEqual({ pong: true });
    expect(parseUserFrame(ORDER_DOC)).toMatchObject({ items: [{ order: { id: "0xff354cd7…" } }] });
  });

  it("sorts bad input into malformed, unknown and error items without throwing", () => {
    const bad = JSON.stringify({ ...(JSON.parse(TRADE_DOC) as object), size: "ten" });
    expect(parseUserFrame("{nope")).toEqual({ items: [{ malformed: "not JSON" }] });
    expect(parseUserFrame(bad)).toEqual({ items: [{ malformed: expect.stringMatching(/^trade: size: /) as unknown as string }] });
    expect(parseUserFrame(`[null, 3, {"event_type":"book"}, {"id":1}, {"error":"Unauthorized/Invalid api key"}]`)).toEqual({
      items: [{ malformed: "not an object: null" }, { malformed: "not an object: number" }, { unknown: "book" }, { malformed: "missing event_type" }, { error: "Unauthorized/Invalid api key" }],
    });
    expect(parseUserFrame(JSON.stringify({ ...(JSON.parse(ORDER_DOC) as object), type: "REPLACEMENT" }))).toMatchObject({ items: [{ malformed: expect.stringMatching(/^order: type/) as unknown as string }] });
  });
});

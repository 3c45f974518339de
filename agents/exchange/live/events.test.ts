import { describe, expect, it } from "vitest";
import { tradeFromUserEvent, UserTradeEvent } from "../../../floor/adapters/polymarket/index.ts";
import { tradeSizeForOrder } from "./events.ts";

// Moved here from the adapter's userMessages test: sizing by order id is the exchange's concern.
describe("tradeSizeForOrder", () => {
  it("sizes a user-channel trade like a REST trade: the taker leg and the maker leg", () => {
    const t = tradeFromUserEvent(UserTradeEvent.parse({
      event_type: "trade", id: "t1", taker_order_id: "0x06bc63e3", market: "0xbd31", asset_id: "521", side: "BUY", size: "10", price: "0.57",
      status: "MATCHED", maker_orders: [{ order_id: "0xff354cd7", asset_id: "521", matched_amount: "10", price: "0.57" }],
    }));
    expect(tradeSizeForOrder(t, "0x06BC63E3")).toEqual({ size: 10_000_000, price: 570_000 });
    expect(tradeSizeForOrder(t, "0xff354cd7")).toEqual({ size: 10_000_000, price: 570_000 });
    expect(tradeSizeForOrder(t, "0xother")).toBeUndefined();
  });
});

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { LastTradePriceEvent, MarketResolvedEvent } from "../../../floor/adapters/polymarket/marketSchemas.ts";
import { MarketSocket } from "../../../agents/feed/live/MarketSocket.ts";
import type { SocketStatus } from "../../../floor/adapters/polymarket/ReconnectingSocket.ts";
import { FakeClob } from "./FakeClob.ts";
import { waitFor } from "./waitFor.ts";

let clob: FakeClob;
let sock: MarketSocket | undefined;
const health: SocketStatus[] = [];
const trades: LastTradePriceEvent[] = [];
const resolved: MarketResolvedEvent[] = [];

async function open(extra: { staleMs?: number } = {}): Promise<MarketSocket> {
  const { url, restUrl } = await clob.urls();
  sock = new MarketSocket({
    url, restUrl, pingMs: 20, staleMs: extra.staleMs ?? 10_000, backoff: { minMs: 10, maxMs: 50 }, rest: { minDelayMs: 5, maxDelayMs: 20 },
    onHealth: (s) => void health.push(s), onTrade: (t) => void trades.push(t), onResolved: (r) => void resolved.push(r),
  });
  sock.setAssets([clob.fx.upTokenId, clob.fx.downTokenId]);
  sock.start();
  await waitFor(() => sock!.book(clob.fx.upTokenId)!.seeded && sock!.book(clob.fx.downTokenId)!.seeded, "initial snapshot");
  return sock;
}

beforeEach(() => {
  clob = new FakeClob();
  health.length = trades.length = resolved.length = 0;
});
afterEach(async () => {
  await sock?.close();
  sock = undefined;
  await clob.close();
});

describe("MarketSocket against a local CLOB", () => {
  it("subscribes, keeps alive with PING/PONG, and keeps the books from the snapshot array and price changes", async () => {
    const s = await open();
    const { fx } = clob;
    expect(clob.subscriptions()).toEqual([{ conn: 1, msg: { assets_ids: [fx.upTokenId, fx.downTokenId], type: "market", custom_feature_enabled: true } }]);
    const up = s.book(fx.upTokenId)!;
    // The wire sent the best levels last; the book reads best first.
    expect(up.bids().map((l) => l.price)).toEqual([510_000, 500_000, 480_000]);
    expect(up.asks().map((l) => l.price)).toEqual([530_000, 540_000, 550_000]);
    expect(up.tickSize).toBe(10_000);

    clob.ws.send([fx.priceChange]); // an array frame
    await waitFor(() => up.bestBid()?.price === 520_000, "price change applied");
    expect(up.bestBid()).toEqual({ price: 520_000, size: 200_000_000 });
    expect(up.bestAsk()).toEqual({ price: 540_000, size: 25_000_000 }); // size "0" removed 0.53
    expect(s.book(fx.downTokenId)!.bestAsk()).toEqual({ price: 480_000, size: 200_000_000 });

    clob.ws.send(fx.priceChange); // a resend: same hashes, same timestamp
    await waitFor(() => s.counters.duplicates === 3, "resend dropped");
    expect(up.bestBid()).toEqual({ price: 520_000, size: 200_000_000 });

    clob.ws.send([fx.tickSizeChange, fx.lastTradePrice, fx.bestBidAsk, fx.marketResolved, fx.newMarket]);
    await waitFor(() => resolved.length === 1, "resolution");
    expect(up.tickSize).toBe(1_000);
    expect(trades.map((t) => [t.price, t.size, t.side])).toEqual([[585_000, 2_460_000, "SELL"]]);
    expect(resolved[0]!.winning_asset_id).toBe(fx.upTokenId);
    expect(s.counters).toMatchObject({ unknown: 1, malformed: 0, duplicates: 3, reconnects: 0 });
    await waitFor(() => s.counters.pongs >= 2, "PONGs");
    expect(clob.ws.pings).toBeGreaterThanOrEqual(2);
    expect(health).toContain("ok");
  });

  it("subscribes added tokens on the open connection and unsubscribes dropped ones", async () => {
    const s = await open();
    const extra = "50827036784690075297116704574083029638095396478867775017864687628697915176637";
    s.setAssets([clob.fx.upTokenId, extra]);
    await waitFor(() => clob.subscriptions().length === 3, "operations");
    expect(clob.subscriptions().slice(1).map((x) => x.msg)).toEqual([
      { operation: "subscribe", assets_ids: [extra], custom_feature_enabled: true },
      { operation: "unsubscribe", assets_ids: [clob.fx.downTokenId] },
    ]);
  });

  it("a silent freeze (PONGs but no data) re-seeds from REST /book, reconnects and resubscribes", async () => {
    const s = await open({ staleMs: 150 });
    const { fx } = clob;
    clob.ws.silent = true;
    const pongs = s.counters.pongs;
    await waitFor(() => s.counters.reseeds >= 1 && clob.subscriptions().some((x) => x.conn === 2), "re-seed and resubscription", 5000);
    expect(s.counters.pongs).toBeGreaterThan(pongs); // the socket was answering all along
    expect(clob.rest.requests).toContain(`/book?token_id=${fx.upTokenId}`);
    expect(s.counters.reseedErrors).toBeGreaterThanOrEqual(1); // the Down token has no REST book here: 404, counted
    expect(s.book(fx.upTokenId)!.bids().map((l) => l.price)).toEqual([410_000, 400_000]);
    expect(s.book(fx.upTokenId)!.minSize).toBe(5_000_000);
    expect(clob.subscriptions().find((x) => x.conn === 2)!.msg).toEqual({ assets_ids: [fx.upTokenId, fx.downTokenId], type: "market", custom_feature_enabled: true });
    expect(health).toEqual(expect.arrayContaining(["ok", "stale", "reconnecting"]));
    expect(health.indexOf("stale")).toBeLessThan(health.lastIndexOf("reconnecting"));

    clob.ws.silent = false;
    // The client may be between two stale-driven reconnects: send until it is heard (resends are dropped).
    await waitFor(() => (clob.ws.send({ ...fx.priceChange, timestamp: "1784850970000" }), s.book(fx.upTokenId)!.bestBid()?.price === 520_000), "data after the freeze");
    await waitFor(() => health.at(-1) === "ok", "healthy again");
  });

  it("a dropped connection reconnects with backoff and resubscribes to every token", async () => {
    const s = await open();
    clob.ws.dropAll();
    await waitFor(() => clob.subscriptions().some((x) => x.conn === 2), "resubscription");
    expect(s.counters.reconnects).toBe(1);
    expect(clob.subscriptions().filter((x) => x.conn === 2).map((x) => x.msg)).toEqual([
      { assets_ids: [clob.fx.upTokenId, clob.fx.downTokenId], type: "market", custom_feature_enabled: true },
    ]);
    // The same snapshot again is recognised as such.
    await waitFor(() => s.counters.duplicates === 2, "snapshot resend dropped");
    clob.ws.send(clob.fx.priceChange);
    await waitFor(() => s.book(clob.fx.upTokenId)!.bestBid()?.price === 520_000, "data after reconnect");
  });

  it("keeps retrying while the server is down and leaves no timers after close", async () => {
    const s = await open();
    await clob.ws.close();
    await waitFor(() => s.counters.reconnects >= 3, "several attempts");
    await s.close();
    const n = s.counters.reconnects;
    await new Promise((r) => setTimeout(r, 120));
    expect(s.counters.reconnects).toBe(n);
    expect(s.status).toBe("closed");
  });
});

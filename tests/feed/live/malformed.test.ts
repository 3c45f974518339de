import { afterEach, describe, expect, it } from "vitest";
import { MarketSocket } from "../../../agents/feed/live/MarketSocket.ts";
import { SpotSocket } from "../../../agents/feed/live/SpotSocket.ts";
import { FakeClob } from "./FakeClob.ts";
import { wsPayloads } from "./fixtures.ts";
import { FakeWsServer } from "./FakeWsServer.ts";
import { badFrame } from "./malformedFrames.ts";
import { waitFor } from "./waitFor.ts";

const N = 10_000;
const VALID_EVERY = 97;
const fx = wsPayloads();
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
});

describe("10,000 malformed frames", () => {
  it("the MarketSocket counts every one, does not crash, and still applies the valid frames between them", async () => {
    const clob = new FakeClob();
    closers.push(() => clob.close());
    const { url, restUrl } = await clob.urls();
    const sock = new MarketSocket({ url, restUrl, pingMs: 50, staleMs: 60_000 });
    closers.push(() => sock.close());
    sock.setAssets([fx.upTokenId, fx.downTokenId]);
    sock.start();
    await waitFor(() => sock.book(fx.upTokenId)!.seeded, "snapshot");
    const base = sock.counters;
    let unknown = 0;
    let valid = 0;
    for (let i = 0; i < N; i++) {
      const bad = badFrame(i, fx.lastTradePrice, "price", "event_type");
      if (bad.unknown) unknown++;
      clob.ws.send(bad.data);
      if (i % VALID_EVERY === 0) {
        valid++;
        const change = { asset_id: fx.upTokenId, price: "0.3", size: String(valid), side: "BUY", hash: `h${i}` };
        clob.ws.send({ market: fx.market, price_changes: [change], timestamp: String(1784850906000 + i), event_type: "price_change" });
      }
    }
    const dataFrames = () => sock.counters.frames - sock.counters.pongs - (base.frames - base.pongs);
    await waitFor(() => dataFrames() === N + valid, "all frames", 20_000);
    const c = sock.counters;
    expect(c.malformed - base.malformed).toBe(N - unknown);
    expect(c.unknown - base.unknown).toBe(unknown);
    expect(c.events - base.events).toBe(valid);
    expect(c.reconnects).toBe(0);
    expect(sock.book(fx.upTokenId)!.bids().find((l) => l.price === 300_000)).toEqual({ price: 300_000, size: valid * 1_000_000 });
    expect(sock.status).toBe("ok");
  });

  it("the SpotSocket counts every one, does not crash, and still emits the valid updates between them", async () => {
    const rtds = new FakeWsServer();
    closers.push(() => rtds.close());
    const ticks: number[] = [];
    const sock = new SpotSocket({ url: await rtds.url(), pingMs: 50, staleMs: 60_000, onTick: (p) => void ticks.push(p) });
    closers.push(() => sock.close());
    sock.start();
    await waitFor(() => rtds.clients().length === 1, "connection");
    let valid = 0;
    for (let i = 0; i < N; i++) {
      rtds.send(badFrame(i, fx.rtdsUpdate, "payload", "topic").data);
      if (i % VALID_EVERY === 0) {
        valid++;
        rtds.send({ ...fx.rtdsUpdate, payload: { symbol: "btc/usd", timestamp: 1784850903000 + i, value: 65000 + valid } });
      }
    }
    await waitFor(() => sock.counters.frames - sock.counters.pongs === N + valid, "all frames", 20_000);
    expect(sock.counters.malformed).toBe(N);
    expect(sock.counters.ignored).toBe(0);
    expect(ticks).toHaveLength(valid);
    expect(ticks.at(-1)).toBe(65000 + valid);
    expect(sock.counters.reconnects).toBe(0);
  });
});

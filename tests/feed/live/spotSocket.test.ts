import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SocketStatus } from "../../../floor/adapters/polymarket/ReconnectingSocket.ts";
import { SpotSocket, type SpotSource } from "../../../agents/feed/live/SpotSocket.ts";
import { wsPayloads } from "./fixtures.ts";
import { FakeWsServer } from "./FakeWsServer.ts";
import { waitFor } from "./waitFor.ts";

const fx = wsPayloads();
const SUBSCRIBE = { action: "subscribe", subscriptions: [{ topic: "crypto_prices_chainlink", type: "*", filters: '{"symbol":"btc/usd"}' }] };
let rtds: FakeWsServer, binance: FakeWsServer, sock: SpotSocket | undefined;
let ticks: Array<[number, number, SpotSource]>;
let health: Array<[SocketStatus, SpotSource]>;

const update = (tsMs: number, value: number) => ({ ...fx.rtdsUpdate, timestamp: tsMs + 100, payload: { symbol: "btc/usd", timestamp: tsMs, value } });

async function open(staleMs = 10_000, fallback = false): Promise<SpotSocket> {
  sock = new SpotSocket({
    url: await rtds.url(), fallbackUrl: fallback ? await binance.url("/ws/btcusdt@trade") : undefined,
    pingMs: 20, staleMs, backoff: { minMs: 10, maxMs: 50 },
    onTick: (p, t, s) => void ticks.push([p, t, s]), onHealth: (st, _d, s) => void health.push([st, s]),
  });
  sock.start();
  await waitFor(() => rtds.received.length > 0, "subscription");
  return sock;
}

beforeEach(() => {
  rtds = new FakeWsServer();
  binance = new FakeWsServer();
  ticks = [];
  health = [];
  rtds.onMessage = (ws, text) => { if (JSON.parse(text).action === "subscribe") rtds.send(fx.rtdsFirst, ws); };
});
afterEach(async () => {
  await sock?.close();
  sock = undefined;
  await Promise.all([rtds.close(), binance.close()]);
});

describe("SpotSocket against a local RTDS", () => {
  it("subscribes to Chainlink BTC/USD, keeps alive with PING, emits the history then updates in order", async () => {
    const s = await open();
    expect(rtds.json()).toEqual([SUBSCRIBE]);
    await waitFor(() => ticks.length === 4, "history");
    rtds.send(update(1784850903000, 65031.5));
    rtds.send(update(1784850902000, 1)); // older than what was seen: not a new tick
    rtds.send(update(1784850904000, 65033));
    await waitFor(() => ticks.length === 6, "updates");
    expect(ticks.map((t) => t[1])).toEqual([1784850899000, 1784850900000, 1784850901000, 1784850902000, 1784850903000, 1784850904000]);
    expect(ticks[1]).toEqual([65026.457815, 1784850900000, "rtds"]);
    await waitFor(() => s.counters.pongs >= 2, "PONGs");
    expect(s.counters).toMatchObject({ ticks: 6, malformed: 0, reconnects: 0 });
  });

  it("a silent freeze goes stale, uses Binance meanwhile, reconnects, resubscribes and drops the fallback once RTDS is back", async () => {
    const s = await open(150, true);
    await waitFor(() => ticks.length === 4, "history");
    rtds.silent = true;
    await waitFor(() => binance.connections === 1 && rtds.json(2).length === 1, "fallback connected and RTDS resubscribed");
    expect(health.map((h) => h.join(":"))).toEqual(expect.arrayContaining(["ok:rtds", "stale:rtds", "reconnecting:rtds"]));
    expect(rtds.json(2)).toEqual([SUBSCRIBE]);
    // The silent fallback goes stale too and cycles: send until heard (a repeated trade time is not a new tick).
    await waitFor(() => (binance.send(fx.binanceTrade), ticks.some((t) => t[2] === "binance")), "fallback tick");
    expect(ticks.at(-1)).toEqual([65040.12, 1784850903511, "binance"]);
    rtds.silent = false;
    // The client may be between two of its stale-driven reconnects: send until it is heard.
    await waitFor(() => (rtds.send(update(1784850905000, 65050)), !s.usingFallback && ticks.at(-1)?.[2] === "rtds"), "back on RTDS");
    expect(s.counters.fallbackTicks).toBe(1);
  });

  it("a dropped connection reconnects and resubscribes", async () => {
    const s = await open();
    await waitFor(() => ticks.length === 4, "history");
    rtds.dropAll();
    await waitFor(() => rtds.json(2).length === 1, "resubscription");
    expect(rtds.json(2)).toEqual([SUBSCRIBE]);
    expect(s.counters.reconnects).toBe(1);
    expect(ticks).toHaveLength(4); // the history resent on resubscribe is not new
  });
});

import { inspect } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Wallet } from "ethers";
import type { ApiKeyCreds, Trade } from "@polymarket/clob-client-v2";
import { EthersV6Signer } from "../../../agents/exchange/live/ethersSigner.ts";
import { LiveExecutor } from "../../../agents/exchange/live/LiveExecutor.ts";
import type { LiveIntent } from "../../../agents/exchange/live/events.ts";
import type { UserOrderEvent } from "../../../floor/adapters/polymarket/userMessages.ts";
import { UserSocket, type UserSocketOptions } from "../../../floor/adapters/polymarket/UserSocket.ts";
import { fetchBook } from "../../../agents/feed/live/fetchBook.ts";
import { wsPayloads } from "../../feed/live/fixtures.ts";
import { waitFor } from "../../feed/live/waitFor.ts";
import { LocalClob } from "./LocalClob.ts";

let clob: LocalClob;
const executors: LiveExecutor[] = [];
const sockets: UserSocket[] = [];

beforeEach(async () => {
  clob = new LocalClob();
  await clob.start();
});
afterEach(async () => {
  await Promise.all(sockets.splice(0).map((s) => s.close()));
  for (const e of executors.splice(0)) e.close();
  await clob.stop();
});

/** A trader: a fresh wallet, an executor with a key derived through L1, and that key's creds. */
async function trader(): Promise<{ ex: LiveExecutor; creds: ApiKeyCreds }> {
  const wallet = Wallet.createRandom() as unknown as Wallet;
  const ex = new LiveExecutor({ host: clob.url, signer: new EthersV6Signer(wallet.privateKey), backoffInitialMs: 20, backoffMaxMs: 200, httpTimeoutMs: 2000 });
  executors.push(ex);
  await ex.init();
  const rec = [...clob.keys.values()].find((k) => k.apiKey === ex.apiKey)!;
  return { ex, creds: { key: rec.apiKey, secret: rec.secret, passphrase: rec.passphrase } };
}

let n = 0;
const gtc = (p: Partial<LiveIntent> = {}): LiveIntent => ({ intentId: `u-${++n}`, tokenId: clob.tokens[0]!, side: "BUY", type: "GTC", price: 520_000, size: 10_000_000, ...p });

interface Seen { trades: Trade[]; orders: UserOrderEvent[]; status: boolean[]; errors: string[]; malformed: [string, string][] }

function listen(creds: ApiKeyCreds, opts: Partial<UserSocketOptions> = {}): { sock: UserSocket; seen: Seen } {
  const seen: Seen = { trades: [], orders: [], status: [], errors: [], malformed: [] };
  const sock = new UserSocket({
    url: clob.wsUrl, creds, conditionIds: [clob.conditionId], pingMs: 50, staleMs: 5000, backoff: { minMs: 10, maxMs: 50 },
    onTrade: (t) => void seen.trades.push(t), onOrder: (o) => void seen.orders.push(o), onStatus: (up) => void seen.status.push(up),
    onError: (r) => void seen.errors.push(r), onMalformed: (r, sample) => void seen.malformed.push([r, sample]), ...opts,
  });
  sockets.push(sock);
  sock.start();
  return { sock, seen };
}

async function subscribed(creds: ApiKeyCreds, opts: Partial<UserSocketOptions> = {}): Promise<{ sock: UserSocket; seen: Seen }> {
  const l = listen(creds, opts);
  await waitFor(() => l.sock.connected, "subscription confirmed");
  return l;
}

type TimerFns = Record<"setTimeout" | "setInterval" | "clearTimeout" | "clearInterval", (...a: unknown[]) => unknown>;

/** Counts timers created through the globals until restore() that have neither fired (one-shot) nor been cleared. */
function trackTimers(): { pending: () => number; restore: () => void } {
  const g = globalThis as unknown as TimerFns;
  const orig: TimerFns = { setTimeout: g.setTimeout, setInterval: g.setInterval, clearTimeout: g.clearTimeout, clearInterval: g.clearInterval };
  const live = new Set<unknown>();
  g.setTimeout = (fn, ...rest) => {
    const h: unknown = orig.setTimeout((...args: unknown[]) => {
      live.delete(h);
      (fn as (...a: unknown[]) => void)(...args);
    }, ...rest);
    live.add(h);
    return h;
  };
  g.setInterval = (...a) => {
    const h = orig.setInterval(...a);
    live.add(h);
    return h;
  };
  g.clearTimeout = g.clearInterval = (h) => {
    live.delete(h);
    return orig.clearTimeout(h); // Node's clear functions are interchangeable
  };
  return { pending: () => live.size, restore: () => void Object.assign(g, orig) };
}

const ordersOf = (seen: Seen, id: string, type?: string) => seen.orders.filter((o) => o.id === id && (!type || o.type === type));

describe("UserSocket against LocalClob's user channel", () => {
  it("a GTC order's PLACEMENT reaches its owner's socket only", async () => {
    const a = await trader();
    const b = await trader();
    const la = await subscribed(a.creds);
    const lb = await subscribed(b.creds);
    expect(clob.user.subscriptions).toEqual([{ apiKey: a.creds.key, markets: [clob.conditionId] }, { apiKey: b.creds.key, markets: [clob.conditionId] }]);
    const r = await a.ex.place(gtc());
    await waitFor(() => ordersOf(la.seen, r.orderId!).length === 1, "PLACEMENT");
    expect(la.seen.orders[0]).toMatchObject({
      type: "PLACEMENT", status: "LIVE", market: clob.conditionId, asset_id: clob.tokens[0], side: "BUY", price: "0.52", original_size: "10", size_matched: "0", order_type: "GTC", owner: a.creds.key,
    });
    // B's own order arrives on B's socket; A's never did.
    const rb = await b.ex.place(gtc({ side: "SELL", price: 600_000 }));
    await waitFor(() => lb.seen.orders.length === 1, "B's PLACEMENT");
    expect(lb.seen.orders.map((o) => o.id)).toEqual([rb.orderId]);
    expect(la.seen.orders.map((o) => o.id)).toEqual([r.orderId]);
    expect(la.seen.status).toEqual([true]);
  });

  it("a resting order hit with fillResting: MAKER trade and UPDATEs; the executor books the WS trade as a maker fill", async () => {
    const a = await trader();
    const { seen } = await subscribed(a.creds);
    const r = await a.ex.place(gtc());
    const made = clob.fillResting(r.orderId!, 4_000_000);
    await waitFor(() => seen.trades.length === 1 && ordersOf(seen, r.orderId!, "UPDATE").length === 1, "maker trade + UPDATE");
    const t = seen.trades[0]!;
    expect(t).toMatchObject({ id: made.id, trader_side: "MAKER", status: "MATCHED", market: clob.conditionId, owner: a.creds.key, side: "SELL" });
    expect(t.maker_orders).toEqual([expect.objectContaining({ order_id: r.orderId, matched_amount: "4", price: "0.52", side: "BUY", owner: a.creds.key })]);
    expect(ordersOf(seen, r.orderId!, "UPDATE")[0]).toMatchObject({ status: "LIVE", size_matched: "4", associate_trades: [made.id] });
    expect(a.ex.ingestTrades([t])).toEqual([expect.objectContaining({ type: "fill", liquidity: "maker", size: 4_000_000, price: 520_000, tradeStatus: "MATCHED", final: false, partial: true })]);

    clob.advanceTrade(made.id, "CONFIRMED");
    await waitFor(() => seen.trades.length === 2, "CONFIRMED");
    expect(seen.trades[1]).toMatchObject({ id: made.id, status: "CONFIRMED" });
    clob.fillResting(r.orderId!, 9_000_000); // only 6 remain
    await waitFor(() => ordersOf(seen, r.orderId!, "UPDATE").length === 2, "second UPDATE");
    expect(seen.trades[2]!.maker_orders[0]!.matched_amount).toBe("6");
    expect(ordersOf(seen, r.orderId!, "UPDATE")[1]).toMatchObject({ status: "MATCHED", size_matched: "10" });
  });

  it("a taker trade goes MATCHED, then FAILED after failAfterMs", async () => {
    const a = await trader();
    const { seen } = await subscribed(a.creds);
    clob.planNextFill({ tradeStatus: "MATCHED", failAfterMs: 50 }); // FOK: fills fully
    const r = await a.ex.place(gtc({ type: "FOK" }));
    await waitFor(() => seen.trades.length === 2, "MATCHED then FAILED");
    expect(seen.trades.map((t) => [t.taker_order_id, t.trader_side, t.status, t.size])).toEqual([
      [r.orderId, "TAKER", "MATCHED", "10"],
      [r.orderId, "TAKER", "FAILED", "10"],
    ]);
    expect(seen.trades[1]!.err_msg).toBe("transaction reverted");
    expect(seen.orders.filter((o) => o.id === r.orderId).map((o) => [o.type, o.status])).toEqual([["PLACEMENT", "LIVE"], ["UPDATE", "MATCHED"]]);
  });

  it("cancel and cancel-all push CANCELLATION", async () => {
    const a = await trader();
    const { seen } = await subscribed(a.creds);
    const r1 = await a.ex.place(gtc());
    const r2 = await a.ex.place(gtc({ price: 510_000 }));
    await a.ex.cancel(r1.orderId!);
    await waitFor(() => ordersOf(seen, r1.orderId!, "CANCELLATION").length === 1, "CANCELLATION");
    expect(ordersOf(seen, r1.orderId!, "CANCELLATION")[0]).toMatchObject({ status: "CANCELED", size_matched: "0" });
    expect(ordersOf(seen, r2.orderId!, "CANCELLATION")).toEqual([]);
    await a.ex.cancelAll();
    await waitFor(() => ordersOf(seen, r2.orderId!, "CANCELLATION").length === 1, "cancel-all CANCELLATION");
    expect(ordersOf(seen, r1.orderId!, "CANCELLATION")).toHaveLength(1);
  });

  it("a wrong passphrase is refused: the error is surfaced, never connected, no events, and the secret never shows", async () => {
    const a = await trader();
    const bad = listen({ ...a.creds, passphrase: "not-the-passphrase" });
    const good = await subscribed(a.creds);
    await waitFor(() => bad.seen.errors.length >= 2 && clob.user.stats.refused >= 2, "refusal, then a refused retry");
    expect(bad.seen.errors[0]).toBe("Unauthorized/Invalid api key");
    const r = await a.ex.place(gtc());
    await waitFor(() => ordersOf(good.seen, r.orderId!).length === 1, "the good socket's PLACEMENT");
    expect(bad.seen.status).not.toContain(true);
    expect(bad.sock.connected).toBe(false);
    expect(bad.seen.orders).toEqual([]);
    expect(bad.sock.counters.serverErrors).toBeGreaterThanOrEqual(2);
    expect(clob.user.subscriptions.map((s) => s.apiKey)).toEqual([a.creds.key]); // only the good one
    for (const text of [inspect(bad.sock, { depth: 10 }), ...bad.seen.errors]) {
      expect(text).not.toContain(a.creds.secret);
    }
  });

  it("reconnects after the server drops it, subscribes again, and later events still arrive", async () => {
    const a = await trader();
    const { sock, seen } = await subscribed(a.creds);
    clob.dropUserSockets();
    await waitFor(() => seen.status.length === 3 && clob.user.subscriptions.length === 2, "reconnect + resubscribe");
    expect(seen.status).toEqual([true, false, true]);
    expect(sock.counters.reconnects).toBe(1);
    const r = await a.ex.place(gtc());
    await waitFor(() => ordersOf(seen, r.orderId!, "PLACEMENT").length === 1, "PLACEMENT after reconnect");
  });

  it("a connection that stops answering PINGs is dropped and subscribed again", async () => {
    const a = await trader();
    const { sock, seen } = await subscribed(a.creds, { staleMs: 200 });
    clob.user.mute = true;
    await waitFor(() => seen.status.includes(false), "stale detected");
    clob.user.mute = false;
    await waitFor(() => seen.status.at(-1) === true && clob.user.subscriptions.length >= 2, "back up");
    expect(sock.counters.reconnects).toBeGreaterThanOrEqual(1);
  });

  it("setMarkets subscribes again on the open socket; events follow the new market list", async () => {
    const a = await trader();
    const { sock, seen } = await subscribed(a.creds, { conditionIds: ["0x" + "cd".repeat(32)] });
    const r1 = await a.ex.place(gtc());
    expect(sock.setMarkets([clob.conditionId])).toBe(true);
    expect(sock.setMarkets([clob.conditionId])).toBe(false); // unchanged
    await waitFor(() => clob.user.subscriptions.length === 2, "second subscription frame");
    const r2 = await a.ex.place(gtc({ price: 510_000 }));
    await waitFor(() => seen.orders.length >= 1, "PLACEMENT for the new market");
    expect(seen.orders.map((o) => o.id)).toEqual([r2.orderId]); // r1 was placed while the socket followed another market
    expect(r1.orderId).not.toBe(r2.orderId);
    expect(sock.counters.reconnects).toBe(0);
  });

  it("counts malformed frames (redacting the secret), survives a throwing callback, and keeps going", async () => {
    const a = await trader();
    let throws = 1;
    const l = await subscribed(a.creds, { onOrder: (o) => { if (throws-- > 0) throw new Error("handler bug"); l.seen.orders.push(o); } });
    clob.pushRawUser("{not json");
    clob.pushRawUser(JSON.stringify([{ event_type: "trade", id: "t1" }, { event_type: "book" }]));
    clob.pushRawUser(`echo ${a.creds.secret}`);
    const r1 = await a.ex.place(gtc());
    const r2 = await a.ex.place(gtc({ price: 510_000 }));
    await waitFor(() => l.seen.orders.length === 1, "the event after the throw");
    expect(l.seen.orders[0]!.id).toBe(r2.orderId);
    expect(r1.orderId).not.toBe(r2.orderId);
    expect(l.sock.counters).toMatchObject({ malformed: 3, unknown: 1, callbackErrors: 1, orders: 2, reconnects: 0 });
    expect(l.seen.malformed.map(([reason]) => reason)).toEqual(["not JSON", expect.stringMatching(/^trade: /), "not JSON"]);
    expect(l.seen.malformed[2]![1]).toBe("echo ***");
    expect(l.seen.errors).toEqual(["callback threw: handler bug"]);
    expect(l.sock.connected).toBe(true);
  });

  it("close() leaves no socket and no timers behind", async () => {
    const rec = clob.issueKey(Wallet.createRandom().address);
    const timers = trackTimers(); // only timers created from here on: the process has its own
    try {
      const { sock, seen } = await subscribed({ key: rec.apiKey, secret: rec.secret, passphrase: rec.passphrase });
      expect(clob.user.open()).toBe(1);
      expect(timers.pending()).toBeGreaterThanOrEqual(2); // at least the ping and watchdog intervals
      await sock.close();
      expect(timers.pending()).toBe(0);
      expect(seen.status).toEqual([true, false]);
      await waitFor(() => clob.user.open() === 0, "server saw the close");
    } finally {
      timers.restore();
    }
  });
});

describe("LocalClob GET /book", () => {
  it("serves the stored book to the feed's REST seed, 404 for an unknown token", async () => {
    const book = wsPayloads().restBook;
    const local = new LocalClob({ books: new Map([[book.asset_id, book]]) });
    await local.start();
    try {
      const seed = await fetchBook(local.url, book.asset_id);
      expect(seed.bids.length).toBeGreaterThan(0);
      expect(seed.asks.length).toBeGreaterThan(0);
      const err = await fetchBook(local.url, "123", { attempts: 1 }).catch((e: unknown) => e);
      expect(err).toMatchObject({ status: 404 });
      const res = await fetch(`${local.url}/book?token_id=123`);
      expect(await res.json()).toEqual({ error: "No orderbook exists for the requested token id" });
    } finally {
      await local.stop();
    }
  });
});

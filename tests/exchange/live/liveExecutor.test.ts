import { describe, expect, it } from "vitest";
import { Wallet } from "ethers";
import { ApiError, Chain, ClobClient, OrderType, Side } from "@polymarket/clob-client-v2";
import { EthersV6Signer } from "../../../agents/exchange/live/ethersSigner.ts";
import { LiveExecutor, type LiveExecutorOptions } from "../../../agents/exchange/live/LiveExecutor.ts";
import { GeoblockedError } from "../../../agents/exchange/live/errors.ts";
import type { LiveEvent, LiveIntent } from "../../../agents/exchange/live/events.ts";
import { freshClob } from "./freshClob.ts";
import { LocalClob } from "./LocalClob.ts";

let clob: LocalClob;
const executors = freshClob((c) => (clob = c), () => clob);

function signer(): { wallet: Wallet; s: EthersV6Signer } {
  const wallet = Wallet.createRandom() as unknown as Wallet;
  return { wallet, s: new EthersV6Signer(wallet.privateKey) };
}

async function executor(opts: Partial<LiveExecutorOptions> = {}, s = signer().s): Promise<LiveExecutor> {
  const e = new LiveExecutor({ host: clob.url, signer: s, backoffInitialMs: 20, backoffMaxMs: 200, httpTimeoutMs: 2000, ...opts });
  executors.push(e);
  await e.init();
  return e;
}

let n = 0;
function intent(p: Partial<LiveIntent> = {}): LiveIntent {
  return { intentId: `i-${++n}`, tokenId: clob.tokens[0]!, side: "BUY", type: "GTC", price: 520_000, size: 10_000_000, ...p };
}

const types = (evs: LiveEvent[]) => evs.map((e) => e.type);

describe("LiveExecutor against LocalClob", () => {
  it("derives an API key via L1; the server verified the ClobAuth EIP-712 signature", async () => {
    const { wallet, s } = signer();
    const e1 = await executor({}, s);
    const rec = clob.keys.get(wallet.address.toLowerCase());
    expect(rec?.apiKey).toBe(e1.apiKey);
    const create = clob.requestsTo("POST", "/auth/api-key");
    expect(create).toHaveLength(1);
    expect(create[0]!.l1Verified).toBe(wallet.address);
    // A second process with the same key: create is refused, derive returns the same key.
    const e2 = await executor({}, new EthersV6Signer(wallet.privateKey));
    expect(e2.apiKey).toBe(e1.apiKey);
    const derive = clob.requestsTo("GET", "/auth/derive-api-key");
    expect(derive).toHaveLength(1);
    expect(derive[0]!.l1Verified).toBe(wallet.address);
  });

  it("reports a closed port as connection refused, not as L1 auth refused", async () => {
    const url = clob.url;
    await clob.stop();
    const err = await executor({ host: url }).then(() => new Error("init succeeded"), (e: unknown) => e as Error);
    expect(err.message).toMatch(new RegExp(`could not reach the CLOB at ${url}: connection refused to 127\\.0\\.0\\.1:\\d+`));
    expect(err.message).not.toMatch(/L1 auth/);
    clob = new LocalClob(); // for afterEach
    await clob.start();
  });

  it("says L1 auth refused only when the auth endpoint answers 401, with the venue's reason", async () => {
    const wrongChain = new LocalClob({ chainId: 80002 }); // our ClobAuth signature is for 137: it does not verify
    await wrongChain.start();
    try {
      const err = await executor({ host: wrongChain.url }).then(() => new Error("init succeeded"), (e: unknown) => e as Error);
      expect(err.message).toMatch(/^L1 auth refused: HTTP 401 from \/auth\/(api-key|derive-api-key): Invalid L1 Request headers$/);
    } finally {
      await wrongChain.stop();
    }
  });

  it("any other failed answer is reported with its HTTP status and body", async () => {
    clob.failNext("POST", "/auth/api-key", 1, { kind: "425" });
    clob.failNext("GET", "/auth/derive-api-key", 1, { kind: "425" });
    const err = await executor().then(() => new Error("init succeeded"), (e: unknown) => e as Error);
    expect(err.message).toBe(`could not create or derive a Polymarket API key: HTTP 425 from ${clob.url}/auth/derive-api-key: service not ready`);
  });

  it("a geoblocked auth endpoint is a geoblock, not an L1 refusal", async () => {
    clob.failNext("POST", "/auth/api-key", 1, { kind: "geoblock" });
    const err = await executor().then(() => new Error("init succeeded"), (e: unknown) => e as Error);
    expect(err).toBeInstanceOf(GeoblockedError);
    expect(err.message).toMatch(/geoblocked this request \(HTTP 403 on \/auth\/api-key\)/);
  });

  it("places a GTC order whose EIP-712 signature recovers to our address, with a valid L2 HMAC", async () => {
    const { wallet, s } = signer();
    const ex = await executor({}, s);
    const r = await ex.place(intent());
    expect(types(r.events)).toEqual(["ack"]);
    const booked = clob.orders.get(r.orderId!.toLowerCase());
    expect(booked).toBeDefined();
    expect(booked!.recovered).toBe(wallet.address);
    expect(booked!.signer).toBe(wallet.address);
    expect(booked!.hmacVerified).toBe(true);
    expect(booked!.originalSize).toBe(10_000_000);
    expect(booked!.price).toBe("0.52");
    // our locally computed order hash is the venue's order id
    expect(r.events[0]).toMatchObject({ type: "ack", orderId: booked!.id, venueStatus: "live" });
    expect(clob.requestsTo("POST", "/order")[0]!.l2Verified).toBe(true);
    // balance was refreshed before the BUY
    expect(clob.requestsTo("GET", "/balance-allowance").length).toBeGreaterThanOrEqual(1);
  });

  it("a second place() with the same intentId never posts a second order", async () => {
    const ex = await executor();
    const it1 = intent();
    const a = await ex.place(it1);
    const b = await ex.place({ ...it1 });
    expect(b.orderId).toBe(a.orderId);
    expect(clob.requestsTo("POST", "/order")).toHaveLength(1);
    expect(clob.orders.size).toBe(1);
    expect(ex.orderState(it1.intentId)).toBe("live"); // the order machine's state
    const fak = intent({ type: "FAK" });
    await ex.place(fak);
    expect(ex.orderState(fak.intentId)).toBe("filled");
  });

  it("an order signed with a different key than the API key's is refused by the server", async () => {
    const a = signer();
    const b = signer();
    const credsA = clob.issueKey(a.wallet.address);
    const ex = await executor({ creds: { key: credsA.apiKey, secret: credsA.secret, passphrase: credsA.passphrase } }, b.s);
    const r = await ex.place(intent());
    expect(r.events).toHaveLength(1);
    expect(r.events[0]).toMatchObject({ type: "reject", status: 400 });
    expect((r.events[0] as { reason: string }).reason).toBe("the order signer address has to be the address of the API KEY");
    expect(clob.orders.size).toBe(0);
    expect(clob.orderPosts).toEqual([expect.objectContaining({ status: 400 })]);
  });

  it("a tampered order (signature no longer matches) gets 'invalid signature'", async () => {
    const { s } = signer();
    const ex = await executor({}, s);
    const creds = [...clob.keys.values()].find((k) => k.apiKey === ex.apiKey)!;
    const client = new ClobClient({ host: clob.url, chain: Chain.POLYGON, signer: s as never, creds: { key: creds.apiKey, secret: creds.secret, passphrase: creds.passphrase }, throwOnError: true });
    const signed = await client.createOrder({ tokenID: clob.tokens[0]!, price: 0.5, size: 10, side: Side.BUY }, { tickSize: "0.01", negRisk: false });
    const tampered = { ...signed, makerAmount: String(Number((signed as { makerAmount: string }).makerAmount) + 1) };
    const err = await client.postOrder(tampered as never, OrderType.GTC).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).message).toBe("invalid signature");
    expect((err as ApiError).status).toBe(400);
    expect(clob.orders.size).toBe(0);
  });

  it("a bad HMAC secret gets 401 Unauthorized/Invalid api key", async () => {
    const a = signer();
    const credsA = clob.issueKey(a.wallet.address);
    const ex = await executor({ creds: { key: credsA.apiKey, secret: Buffer.alloc(32, 7).toString("base64"), passphrase: credsA.passphrase } }, a.s);
    await expect(ex.refreshBalances()).rejects.toThrow(/Unauthorized\/Invalid api key/);
    expect(clob.requestsTo("GET", "/balance-allowance")[0]!.status).toBe(401);
  });

  it("cancels one order, then cancel-all cancels the rest", async () => {
    const ex = await executor();
    const a = await ex.place(intent());
    const b = await ex.place(intent({ price: 400_000 }));
    const c1 = await ex.cancel(a.orderId!);
    expect(c1).toEqual([expect.objectContaining({ type: "cancel", orderId: a.orderId, intentId: a.intentId, remaining: 10_000_000 })]);
    expect(clob.orders.get(a.orderId!.toLowerCase())!.status).toBe("CANCELED");
    expect(clob.orders.get(b.orderId!.toLowerCase())!.status).toBe("LIVE");
    const c2 = await ex.cancelAll();
    expect(c2.map((e) => (e as { orderId: string }).orderId)).toEqual([b.orderId]);
    expect(clob.orders.get(b.orderId!.toLowerCase())!.status).toBe("CANCELED");
    expect(clob.requestsTo("DELETE", "/cancel-all")[0]!.l2Verified).toBe(true);
  });

  it("425 service not ready: exponential backoff, then success", async () => {
    const ex = await executor({ backoffInitialMs: 30 });
    clob.failNext("POST", "/order", 2, { kind: "425" });
    const r = await ex.place(intent());
    expect(types(r.events)).toEqual(["ack"]);
    const posts = clob.requestsTo("POST", "/order");
    expect(posts.map((p) => p.status)).toEqual([425, 425, 200]);
    expect(posts[1]!.at - posts[0]!.at).toBeGreaterThanOrEqual(30);
    expect(posts[2]!.at - posts[1]!.at).toBeGreaterThanOrEqual(60);
    expect(clob.orders.size).toBe(1);
    // Back from its restart, the engine is post-only: the limit order went as post-only.
    expect(clob.orderPosts.at(-1)).toMatchObject({ status: 200, postOnly: true });
  });

  it("after a 425 the post-only window is respected: a FAK caught in the restart is not re-sent, later FAK/FOK are refused here, limits go post-only", async () => {
    await clob.stop();
    clob = new LocalClob({ postOnlyWindowMs: 400 });
    await clob.start();
    const ex = await executor({ backoffInitialMs: 10, postOnlyWindowMs: 400 });
    clob.failNext("POST", "/order", 1, { kind: "425" });
    const fak = await ex.place(intent({ type: "FAK" }));
    expect(fak.events).toEqual([expect.objectContaining({ type: "reject", reason: expect.stringMatching(/post-only after an engine restart until .*: FAK orders are not sent/) })]);
    expect(clob.requestsTo("POST", "/order").map((p) => p.status)).toEqual([425]);
    const fok = await ex.place(intent({ type: "FOK" }));
    expect(fok.events[0]).toMatchObject({ type: "reject", reason: expect.stringMatching(/FOK orders are not sent/) });
    expect(fok.postAttempts).toBe(0);
    const gtc = await ex.place(intent());
    expect(types(gtc.events)).toEqual(["ack"]);
    expect(clob.orderPosts.at(-1)).toMatchObject({ status: 200, postOnly: true });
    // The window passes: takers go again, as ordinary orders.
    await new Promise((r) => setTimeout(r, 450));
    const later = await ex.place(intent({ type: "FAK" }));
    expect(types(later.events)).toEqual(["ack", "fill"]);
    expect(clob.orderPosts.at(-1)).toMatchObject({ status: 200, postOnly: false });
  });

  it("the local CLOB refuses a taking order during its post-only window (what the executor avoids)", async () => {
    const ex = await executor({ backoffInitialMs: 10, postOnlyWindowMs: 0 }); // an executor that ignores the window
    clob.failNext("POST", "/order", 1, { kind: "425" });
    const r = await ex.place(intent({ type: "FAK" }));
    expect(r.events.at(-1)).toMatchObject({ type: "reject", reason: expect.stringMatching(/post-only mode/) });
    expect(clob.orders.size).toBe(0);
  });

  it("429 with Retry-After: the server sees the retry no earlier than Retry-After", async () => {
    const ex = await executor({ backoffInitialMs: 10 });
    clob.failNext("POST", "/order", 1, { kind: "429", retryAfterSec: 1 });
    const r = await ex.place(intent());
    expect(types(r.events)).toEqual(["ack"]);
    const posts = clob.requestsTo("POST", "/order");
    expect(posts.map((p) => p.status)).toEqual([429, 200]);
    expect(posts[1]!.at - posts[0]!.at).toBeGreaterThanOrEqual(1000);
  });

  it("geoblock 403 → GeoblockedError, no retry, executor halted", async () => {
    const ex = await executor();
    clob.failNext("POST", "/order", 1, { kind: "geoblock" });
    const err = await ex.place(intent()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GeoblockedError);
    expect((err as Error).message).toMatch(/geoblocked/);
    expect((err as Error).message).not.toMatch(/<html/i);
    expect(clob.requestsTo("POST", "/order")).toHaveLength(1);
    expect(ex.isHalted).toBe(true);
    const before = clob.requests.length;
    await expect(ex.place(intent())).rejects.toBeInstanceOf(GeoblockedError);
    expect(clob.requests.length).toBe(before);
  });

  it("timeout but filled: reconciles via /data/orders and /data/trades and does not post again", async () => {
    const ex = await executor({ httpTimeoutMs: 300 });
    clob.failNext("POST", "/order", 1, { kind: "timeout", holdMs: 1500 });
    const it1 = intent({ type: "FOK", side: "BUY", price: 500_000, size: 10_000_000 });
    const r = await ex.place(it1);
    expect(r.reconciled).toBe(true);
    expect(types(r.events)).toEqual(["ack", "fill"]);
    expect(r.events[1]).toMatchObject({ type: "fill", size: 10_000_000, price: 500_000, partial: false, final: true });
    expect(clob.requestsTo("POST", "/order")).toHaveLength(1);
    expect(clob.orderPosts).toHaveLength(1);
    expect(clob.orders.size).toBe(1);
    // reconciliation happened after the post, before anything else
    const postAt = clob.requestsTo("POST", "/order")[0]!.at;
    expect(clob.requestsTo("GET", "/data/orders").some((q) => q.at > postAt)).toBe(true);
    expect(clob.requestsTo("GET", "/data/trades").some((q) => q.at > postAt)).toBe(true);
    // retrying the same intent still does not post again
    await ex.place({ ...it1 });
    expect(clob.requestsTo("POST", "/order")).toHaveLength(1);
  });

  it("timeout with nothing booked: reconcile finds nothing, re-posts the SAME signed order once", async () => {
    const ex = await executor({ httpTimeoutMs: 300 });
    // First POST never reaches the book (a 502 that is also held past our timeout): outcome unknown, nothing booked.
    clob.failNext("POST", "/order", 1, { kind: "timeout", holdMs: 1500 });
    const orig = clob["postOrder"].bind(clob);
    const salts: unknown[] = [];
    (clob as unknown as { postOrder: typeof orig }).postOrder = (raw, rec, log) => {
      salts.push((JSON.parse(raw) as { order: { salt: unknown } }).order.salt);
      return salts.length === 1 ? { status: 502, body: { error: "bad gateway" } } : orig(raw, rec, log);
    };
    const r = await ex.place(intent());
    expect(types(r.events)).toEqual(["ack"]);
    expect(r.reconciled).toBe(true);
    const posts = clob.requestsTo("POST", "/order");
    expect(posts).toHaveLength(2);
    expect(salts[1]).toBe(salts[0]); // the retry re-posted the same signed order
    const postAt = posts[0]!.at;
    const reconcileAt = clob.requestsTo("GET", "/data/orders").find((q) => q.at > postAt)!.at;
    expect(reconcileAt).toBeLessThanOrEqual(posts[1]!.at); // reconciled before the re-post
    expect(clob.orders.size).toBe(1);
    expect([...clob.orders.values()][0]!.id).toBe(r.orderId);
  });

  it("partial fill of a GTC is reported as partial; the rest stays live", async () => {
    const ex = await executor();
    clob.planNextFill({ fillShares: 4_000_000 });
    const r = await ex.place(intent({ size: 10_000_000 }));
    expect(types(r.events)).toEqual(["ack", "fill"]);
    expect(r.events[1]).toMatchObject({ type: "fill", size: 4_000_000, filledTotal: 4_000_000, partial: true, tradeStatus: "CONFIRMED" });
    expect(clob.orders.get(r.orderId!.toLowerCase())!.status).toBe("LIVE");
    const c = await ex.cancel(r.orderId!);
    expect(c[0]).toMatchObject({ type: "cancel", remaining: 6_000_000 });
  });

  it("partial fill of a FAK: fill (partial) then cancel of the remainder", async () => {
    const ex = await executor();
    clob.planNextFill({ fillShares: 3_000_000 });
    const r = await ex.place(intent({ type: "FAK", side: "SELL", price: 450_000, size: 10_000_000 }));
    expect(types(r.events)).toEqual(["ack", "fill", "cancel"]);
    expect(r.events[1]).toMatchObject({ size: 3_000_000, partial: true, side: "SELL" });
    expect(r.events[2]).toMatchObject({ remaining: 7_000_000 });
  });

  it("a trade that goes MATCHED then FAILED is reported as fill then fill_reverted", async () => {
    const ex = await executor();
    clob.planNextFill({ fillShares: 10_000_000, tradeStatus: "MATCHED", failAfterMs: 100 });
    const r = await ex.place(intent({ type: "FOK" }));
    expect(types(r.events)).toEqual(["ack", "fill"]);
    expect(r.events[1]).toMatchObject({ tradeStatus: "MATCHED", final: false });
    await new Promise((res) => setTimeout(res, 250));
    const later = await ex.pollTrades();
    expect(later).toEqual([expect.objectContaining({ type: "fill_reverted", size: 10_000_000, fillId: (r.events[1] as { fillId: string }).fillId })]);
    expect(await ex.pollTrades()).toEqual([]);
  });

  it("BUY beyond the collateral balance is rejected locally without posting", async () => {
    clob.balanceMicro = 1_000_000; // $1
    const ex = await executor();
    const r = await ex.place(intent({ price: 500_000, size: 10_000_000 })); // $5
    expect(r.events[0]).toMatchObject({ type: "reject" });
    expect(clob.requestsTo("POST", "/order")).toHaveLength(0);
  });

  it("heartbeats are posted with valid L2 auth while started, and stop when stopped", async () => {
    const ex = await executor();
    ex.startHeartbeat(40);
    await new Promise((res) => setTimeout(res, 200));
    ex.stopHeartbeat();
    // Let a beat already on the wire land (on a loaded machine that can take longer than a beat's interval): until the count holds for 200 ms.
    for (let before = -1; before !== clob.requestsTo("POST", "/v1/heartbeats").length; ) {
      before = clob.requestsTo("POST", "/v1/heartbeats").length;
      await new Promise((res) => setTimeout(res, 200));
    }
    const hb = clob.requestsTo("POST", "/v1/heartbeats");
    expect(hb.length).toBeGreaterThanOrEqual(2);
    expect(hb.every((h) => h.l2Verified && h.status === 200)).toBe(true);
    // the id returned by the first beat is chained into later ones
    expect(new Set(clob.heartbeats.map((h) => h.id)).size).toBe(1);
    const count = hb.length;
    await new Promise((res) => setTimeout(res, 120));
    expect(clob.requestsTo("POST", "/v1/heartbeats").length).toBe(count);
  });

  it("never posts a beat while the last is unanswered: a slow venue still sees one chain of heartbeat ids", async () => {
    const ex = await executor();
    clob.failNext("POST", "/v1/heartbeats", 1, { kind: "late", delayMs: 200 });
    ex.startHeartbeat(20);
    await new Promise((res) => setTimeout(res, 400));
    ex.stopHeartbeat();
    await new Promise((res) => setTimeout(res, 200));
    expect(clob.requestsTo("POST", "/v1/heartbeats").length).toBeGreaterThanOrEqual(2);
    // Without the guard, the beats sent while the first was held carry no id, and each starts a chain of its own (checked).
    expect(new Set(clob.heartbeats.map((h) => h.id)).size).toBe(1);
  });

  it("a post stuck in the venue's queue past our timeout is not re-sent, and a later recheck finds it booked", async () => {
    const ex = await executor({ httpTimeoutMs: 200, maxUnknownOutcomeRetries: 0 });
    clob.failNext("POST", "/order", 1, { kind: "late", delayMs: 500 });
    const i = intent();
    const r = await ex.place(i);
    expect(r).toMatchObject({ unresolved: true, events: [] });
    expect(ex.doubtfulCount).toBe(1);
    expect((await ex.place(i)).unresolved).toBe(true); // asking again re-checks, never re-sends
    await new Promise((res) => setTimeout(res, 600));
    expect(clob.orders.size).toBe(1); // the venue got to it in the end
    const later = await ex.recheckDoubtful();
    expect(types(later)).toEqual(["ack"]);
    expect(ex.orderState(i.intentId)).toBe("live");
    expect(ex.doubtfulCount).toBe(0);
    expect(clob.requestsTo("POST", "/order")).toHaveLength(1);
  });

  it("a timed-out order never found is given up after three rechecks, reported rejected, and never re-sent", async () => {
    const ex = await executor({ httpTimeoutMs: 200, maxUnknownOutcomeRetries: 0 });
    clob.failNext("POST", "/order", 1, { kind: "late", delayMs: 60_000 });
    const i = intent();
    expect((await ex.place(i)).unresolved).toBe(true);
    expect(await ex.recheckDoubtful()).toEqual([]);
    expect(await ex.recheckDoubtful()).toEqual([]);
    const last = await ex.recheckDoubtful();
    expect(last).toEqual([expect.objectContaining({ type: "reject", intentId: i.intentId, reason: expect.stringMatching(/not found at the venue .*3 checks.*not re-sent/) })]);
    expect(ex.orderState(i.intentId)).toBe("rejected");
    expect(clob.requestsTo("POST", "/order")).toHaveLength(1);
    expect(clob.orders.size).toBe(0);
  });

  it("checks balance and allowance before each order: collateral and the exchange's allowance for a BUY, the shares for a SELL", async () => {
    const ex = await executor();
    clob.balanceMicro = 4_000_000; // $4 for a $5.20 order
    const poor = await ex.place(intent());
    expect(poor.events).toEqual([expect.objectContaining({ type: "reject", reason: "insufficient collateral: need 5200000, have 4000000" })]);
    clob.balanceMicro = 1_000_000_000;
    clob.allowanceMicro = 1_000_000; // approved only $1 for the exchange
    const unapproved = await ex.place(intent());
    expect(unapproved.events[0]).toMatchObject({ type: "reject", reason: expect.stringMatching(/^allowance too small: the exchange 0x[0-9a-f]{40} may spend 1000000 of the 5200000 needed/) });
    clob.allowanceMicro = undefined;
    clob.tokenBalanceMicro.set(clob.tokens[0]!, 3_000_000);
    const naked = await ex.place(intent({ side: "SELL", size: 10_000_000 }));
    expect(naked.events).toEqual([expect.objectContaining({ type: "reject", reason: "insufficient shares: need 10000000, have 3000000" })]);
    expect(clob.orderPosts).toHaveLength(0); // nothing was sent
    const held = await ex.place(intent({ side: "SELL", size: 3_000_000 }));
    expect(types(held.events)).toEqual(["ack"]);
    // Before every order: the venue is asked to refresh its cached balance (collateral for a BUY, the token for a SELL), then read.
    expect(clob.balanceUpdates.map((u) => u.assetType)).toEqual(["COLLATERAL", "COLLATERAL", "CONDITIONAL", "CONDITIONAL"]);
    expect(clob.balanceUpdates.slice(2).every((u) => u.tokenId === clob.tokens[0])).toBe(true);
    const calls = clob.requests.filter((r) => r.path.startsWith("/balance-allowance")).map((r) => r.path);
    expect(calls).toEqual(Array(4).fill(["/balance-allowance/update", "/balance-allowance"]).flat());
    expect(clob.requests.filter((r) => r.path === "/balance-allowance/update").every((r) => r.l2Verified)).toBe(true);
  });

  it("a failed balance refresh does not stop the order: the cached balance is read and the order goes", async () => {
    const logs: string[] = [];
    const ex = await executor({ maxNotReadyRetries: 1, backoffInitialMs: 5, log: (msg) => void logs.push(msg) });
    clob.failNext("GET", "/balance-allowance/update", 2, { kind: "425" });
    const r = await ex.place(intent());
    expect(types(r.events)).toEqual(["ack"]);
    expect(clob.requestsTo("GET", "/balance-allowance/update").map((q) => q.status)).toEqual([425, 425]);
    expect(logs).toContain("balance refresh failed; reading the venue's cached balance");
  });

  it("polls only orders still in play: resting ones and those with a trade not yet final", async () => {
    const ex = await executor();
    const polls = () => clob.requestsTo("GET", "/data/trades").length;
    await ex.place(intent({ type: "FAK" })); // filled, its trade CONFIRMED: done
    const before = polls();
    expect(await ex.pollTrades()).toEqual([]);
    expect(polls()).toBe(before); // nothing left to ask about
    clob.planNextFill({ fillShares: 10_000_000, tradeStatus: "MATCHED" });
    await ex.place(intent({ type: "FAK", tokenId: clob.tokens[1]! })); // filled, but MATCHED may still fail
    const mid = polls();
    await ex.pollTrades();
    expect(clob.requests.filter((r) => r.path === "/data/trades").length).toBe(mid + 1);
    const trade = clob.trades.at(-1)!;
    clob.advanceTrade(trade.id, "CONFIRMED");
    await ex.pollTrades(); // sees it confirmed
    const after = polls();
    await ex.pollTrades();
    expect(polls()).toBe(after); // now done too
    await ex.place(intent()); // a resting GTC is always followed
    const resting = polls();
    await ex.pollTrades();
    expect(polls()).toBe(resting + 1);
  });

  it("the dead-man switch: orders live while heartbeats flow, and the venue cancels them when heartbeats stop", async () => {
    await clob.stop();
    clob = new LocalClob({ heartbeatTimeoutMs: 150 });
    await clob.start();
    const ex = await executor();
    const r = await ex.place(intent());
    ex.startHeartbeat(40);
    await new Promise((res) => setTimeout(res, 300)); // two timeouts' worth, kept alive by beats
    expect(clob.orders.get(r.orderId!.toLowerCase())!.status).toBe("LIVE");
    ex.stopHeartbeat(); // as if the floor died
    await new Promise((res) => setTimeout(res, 300));
    expect(clob.orders.get(r.orderId!.toLowerCase())!.status).toBe("CANCELED");
    expect(clob.deadManCancels).toEqual([r.orderId]);
  });
});

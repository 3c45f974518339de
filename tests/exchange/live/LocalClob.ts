/**
 * A local Polymarket CLOB for tests: node:http on 127.0.0.1, port 0, speaking the JSON that
 * @polymarket/clob-client-v2@1.1.0 sends and parses. It verifies, independently of the executor:
 *  - L1 (POST /auth/api-key, GET /auth/derive-api-key): EIP-712 ClobAuth signature in
 *    POLY_SIGNATURE over {address: POLY_ADDRESS, timestamp: POLY_TIMESTAMP, nonce: POLY_NONCE,
 *    message: "This message attests that I control the given wallet"}, domain
 *    {name: "ClobAuthDomain", version: "1", chainId}; the recovered address must equal POLY_ADDRESS.
 *  - L2 (every authenticated route): POLY_API_KEY known, POLY_PASSPHRASE matches, and
 *    POLY_SIGNATURE == urlsafe-base64(HMAC-SHA256(base64decode(secret), ts + METHOD + path + body)).
 *  - POST /order: order.signer must be the API key's address, and the order's EIP-712 signature
 *    under {name: "Polymarket CTF Exchange", version: "2", chainId, verifyingContract: exchangeV2
 *    (or negRiskExchangeV2)} must recover to order.signer. The order id is the EIP-712 hash.
 * Failures can be scripted per path (425, 429 + Retry-After, geoblock 403 HTML, timeout, any status).
 * The signer's rate tier (LocalRateTier): GET /v1/user/rate-limit-tier (L2) and the
 * Poly-RateLimit-Tier header (with Poly-RateLimit-Warning when scripted) on trading responses.
 * The heartbeat dead-man switch is the venue's: once a key has sent a heartbeat, missing the
 * next for `heartbeatTimeoutMs` (10 s) cancels all its orders.
 * The user channel (`wsUrl`, /ws/user) pushes `order` and `trade` events as orders are booked,
 * filled and cancelled and as trades change status; public GET /book serves `books`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createHmac, randomBytes, randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { TypedDataEncoder, verifyTypedData } from "ethers";
import { LocalRateTier } from "./LocalRateTier.ts";
import { LocalUserChannel } from "./LocalUserChannel.ts";

const EXCHANGE_V2 = "0xE111180000d2663C0091e4f400237545B87B996B";
const NEG_RISK_EXCHANGE_V2 = "0xe2222d279d744050d28e00520010520000310F59";
const CLOB_AUTH_MSG = "This message attests that I control the given wallet";
const CLOB_AUTH_TYPES = {
  ClobAuth: [
    { name: "address", type: "address" },
    { name: "timestamp", type: "string" },
    { name: "nonce", type: "uint256" },
    { name: "message", type: "string" },
  ],
};
const ORDER_TYPES = {
  Order: [
    { name: "salt", type: "uint256" },
    { name: "maker", type: "address" },
    { name: "signer", type: "address" },
    { name: "tokenId", type: "uint256" },
    { name: "makerAmount", type: "uint256" },
    { name: "takerAmount", type: "uint256" },
    { name: "side", type: "uint8" },
    { name: "signatureType", type: "uint8" },
    { name: "timestamp", type: "uint256" },
    { name: "metadata", type: "bytes32" },
    { name: "builder", type: "bytes32" },
  ],
};
const END_CURSOR = "LTE=";
export const GEOBLOCK_HTML =
  "<!DOCTYPE html><html><head><title>Attention Required! | Cloudflare</title></head><body><h1>Sorry, you have been blocked</h1>" +
  "<p>You are unable to access polymarket.com</p></body></html>";

export type Failure =
  | { kind: "425" }
  | { kind: "429"; retryAfterSec: number }
  | { kind: "geoblock" }
  /** Process the request (order booked, fills made) but hold the reply for holdMs. */
  | { kind: "timeout"; holdMs: number }
  /** Sit in the venue's queue for delayMs, then process the request (books the order) and reply. */
  | { kind: "late"; delayMs: number }
  /** Answer with this status and body without processing the request (a 500, a 404). */
  | { kind: "status"; status: number; body?: unknown };

export interface ApiKeyRecord { apiKey: string; secret: string; passphrase: string; address: string }

export interface RequestLog {
  method: string;
  path: string;
  at: number;
  status: number;
  l1Verified?: string; // recovered address
  l2Verified?: boolean;
}

export interface BookedOrder {
  id: string;
  owner: string;
  maker: string;
  signer: string;
  recovered: string;
  tokenId: string;
  side: "BUY" | "SELL";
  price: string;
  originalSize: number; // micro shares
  sizeMatched: number; // micro shares
  status: "LIVE" | "MATCHED" | "CANCELED" | "UNMATCHED";
  orderType: string;
  createdAt: number;
  expiration: string;
  hmacVerified: boolean;
}

export interface TradeRecord {
  id: string;
  taker_order_id: string;
  market: string;
  asset_id: string;
  side: string;
  size: string;
  fee_rate_bps: string;
  price: string;
  status: string;
  match_time: string;
  last_update: string;
  outcome: string;
  bucket_index: number;
  owner: string;
  maker_address: string;
  maker_orders: MakerLeg[];
  transaction_hash?: string;
  err_msg?: string | null;
  trader_side: "TAKER" | "MAKER";
}

export interface MakerLeg {
  order_id: string; owner: string; maker_address: string; matched_amount: string; price: string; fee_rate_bps: string; asset_id: string; outcome: string; side: "BUY" | "SELL";
}

export type TradeStatus = "MATCHED" | "MINED" | "CONFIRMED" | "RETRYING" | "FAILED";

/** How the next accepted order fills. `fillShares` in micro-shares; default: FOK/FAK fill fully, GTC/GTD rest. */
export interface FillPlan { fillShares?: number; tradeStatus?: "MATCHED" | "CONFIRMED"; failAfterMs?: number }

export interface LocalClobOptions {
  chainId?: number; conditionId?: string; tickSize?: string; negRisk?: boolean; balanceMicro?: number; tokens?: string[];
  /** Order books by token id, served as they are by public GET /book. */
  books?: Map<string, unknown>;
  /** How long the engine stays post-only after a restart (a served 425). Default 2 minutes, as the venue. */
  postOnlyWindowMs?: number;
  /** The dead-man switch: once a key has sent a heartbeat, this long without one cancels its orders. Default 10 s, as the venue. */
  heartbeatTimeoutMs?: number;
}

type Reply = { status: number; body: unknown; headers?: Record<string, string> };

function urlsafeB64(buf: Buffer): string {
  return buf.toString("base64").replace(/\+/g, "-").replace(/\//g, "_");
}
function decodeSecret(secret: string): Buffer {
  return Buffer.from(secret.replace(/-/g, "+").replace(/_/g, "/"), "base64");
}
const fmt = (micro: number) => (micro / 1e6).toString();
const unixSec = (ms = Date.now()) => String(Math.floor(ms / 1000));

export class LocalClob {
  readonly chainId: number;
  readonly conditionId: string;
  readonly tokens: string[];
  tickSize: string;
  negRisk: boolean;
  balanceMicro: number;
  /** The exchanges' allowance over our collateral (micro); unlimited when undefined. */
  allowanceMicro: number | undefined;
  /** Shares held per token (micro), as GET /balance-allowance?asset_type=CONDITIONAL reports them; 1e12 when unset. */
  readonly tokenBalanceMicro = new Map<string, number>();
  /** GET /balance-allowance/update calls: the client asking the venue to refresh its cached balance. */
  readonly balanceUpdates: { at: number; assetType: string; tokenId?: string | undefined }[] = [];
  private server: Server | undefined;
  url = "";
  /** ws://127.0.0.1:port/ws/user, after start(). */
  wsUrl = "";
  /** The user channel: its stats and accepted subscriptions are for assertions. */
  readonly user = new LocalUserChannel((a) => [...this.keys.values()].find((k) => k.apiKey === a.apiKey && k.secret === a.secret && k.passphrase === a.passphrase)?.apiKey);
  readonly books: Map<string, unknown>;
  /** The tier each signer is served, and the warnings to come. */
  readonly rateTier = new LocalRateTier();
  readonly keys = new Map<string, ApiKeyRecord>(); // by lowercase address
  readonly requests: RequestLog[] = [];
  readonly orders = new Map<string, BookedOrder>();
  readonly trades: TradeRecord[] = [];
  /** Every POST /order the server examined, including refused ones (body + verdict). */
  readonly orderPosts: { at: number; status: number; error?: string; orderId?: string; postOnly?: boolean }[] = [];
  /** After a served 425 (engine restart) the engine takes post-only orders only, until this time (ms). */
  postOnlyUntil = 0;
  readonly heartbeats: { id: string; at: number }[] = [];
  /** Orders the dead-man switch cancelled (heartbeats stopped). */
  readonly deadManCancels: string[] = [];
  readonly heartbeatTimeoutMs: number;
  readonly postOnlyWindowMs: number;
  private readonly deadMen = new Map<string, NodeJS.Timeout>();
  private readonly failures = new Map<string, Failure[]>();
  private readonly fillPlans: FillPlan[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(opts: LocalClobOptions = {}) {
    this.chainId = opts.chainId ?? 137;
    this.conditionId = opts.conditionId ?? "0x" + "ab".repeat(32);
    this.tokens = opts.tokens ?? [
      "71321045679252212594626385532706912750332728571942532289631379312455583992563",
      "52114319501245915516055106046884209969926127482827954674443846427813813222426",
    ];
    this.tickSize = opts.tickSize ?? "0.01";
    this.negRisk = opts.negRisk ?? false;
    this.balanceMicro = opts.balanceMicro ?? 1_000_000_000;
    this.books = opts.books ?? new Map();
    this.heartbeatTimeoutMs = opts.heartbeatTimeoutMs ?? 10_000;
    this.postOnlyWindowMs = opts.postOnlyWindowMs ?? 120_000;
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.on("upgrade", (req, socket, head) => this.user.upgrade(req, socket, head));
    await new Promise<void>((r) => this.server!.listen(0, "127.0.0.1", r));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
    this.wsUrl = `ws://127.0.0.1:${port}/ws/user`;
    return this.url;
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    if (!this.server) return;
    await this.user.close();
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server!.close(() => r()));
  }

  /** The next `n` requests to `method path` fail like `failure`. */
  failNext(method: string, path: string, n: number, failure: Failure): void {
    const k = `${method.toUpperCase()} ${path}`;
    const q = this.failures.get(k) ?? [];
    for (let i = 0; i < n; i++) q.push(failure);
    this.failures.set(k, q);
  }

  planNextFill(plan: FillPlan): void {
    this.fillPlans.push(plan);
  }

  requestsTo(method: string, path: string): RequestLog[] {
    return this.requests.filter((r) => r.method === method && r.path === path);
  }

  /** Register a key without L1 (e.g. to give an executor someone else's creds). */
  issueKey(address: string): ApiKeyRecord {
    const rec: ApiKeyRecord = { apiKey: randomUUID(), secret: urlsafeB64(randomBytes(32)), passphrase: randomBytes(16).toString("hex"), address };
    this.keys.set(address.toLowerCase(), rec);
    return rec;
  }

  // ------------------------------------------------------------ user channel

  /** Move a trade to `status` (MINED, CONFIRMED, FAILED, ...) and push its trade event. */
  advanceTrade(tradeId: string, status: TradeStatus, errMsg = "transaction reverted"): TradeRecord {
    const t = this.trades.find((x) => x.id === tradeId);
    if (!t) throw new Error(`no trade ${tradeId}`);
    t.status = status;
    t.last_update = unixSec();
    if (status === "FAILED") t.err_msg = errMsg;
    this.emitTrade(t);
    return t;
  }

  /** A counterparty takes `shares` (micro) of our resting LIVE order: a MAKER-side trade, pushed with the order's UPDATE. */
  fillResting(orderId: string, shares: number, status: TradeStatus = "MATCHED"): TradeRecord {
    const o = this.orders.get(orderId.toLowerCase());
    if (!o || o.status !== "LIVE") throw new Error(`no resting order ${orderId}`);
    const size = Math.min(shares, o.originalSize - o.sizeMatched);
    const leg: MakerLeg = {
      order_id: o.id, owner: o.owner, maker_address: o.maker, matched_amount: fmt(size), price: o.price, fee_rate_bps: "0",
      asset_id: o.tokenId, outcome: this.outcome(o.tokenId), side: o.side,
    };
    // The counterparty's (taker's) order is not ours: a made-up id, the opposite side.
    const takerId = "0x" + randomBytes(32).toString("hex");
    const trade = this.newTrade(o, takerId, o.side === "BUY" ? "SELL" : "BUY", size, status, "MAKER", [leg]);
    o.sizeMatched += size;
    if (o.sizeMatched >= o.originalSize) o.status = "MATCHED";
    this.emitTrade(trade);
    this.emitOrder(o, "UPDATE");
    return trade;
  }

  /** Terminate every user-channel socket (clients should reconnect and subscribe again). */
  dropUserSockets(): void {
    this.user.drop();
  }

  /** Test hook: raw text to every subscribed user socket, e.g. a malformed frame. */
  pushRawUser(text: string): void {
    this.user.raw(text);
  }

  private outcome(tokenId: string): string {
    return tokenId === this.tokens[0] ? "Up" : "Down";
  }

  private newTrade(o: BookedOrder, takerOrderId: string, side: "BUY" | "SELL", size: number, status: TradeStatus, traderSide: "TAKER" | "MAKER", makerOrders: MakerLeg[]): TradeRecord {
    const now = unixSec();
    const trade: TradeRecord = {
      id: randomUUID(), taker_order_id: takerOrderId, market: this.conditionId, asset_id: o.tokenId, side, size: fmt(size), fee_rate_bps: "0",
      price: o.price, status, match_time: now, last_update: now, outcome: this.outcome(o.tokenId), bucket_index: 0, owner: o.owner,
      maker_address: o.maker, maker_orders: makerOrders, transaction_hash: "0x" + randomBytes(32).toString("hex"), err_msg: null, trader_side: traderSide,
    };
    this.trades.push(trade);
    return trade;
  }

  /** The user-channel `order` event (reference §2.2 shape) to the owner's subscriptions. */
  /** A GTD order still resting at its expiration (unix seconds) is cancelled by the venue, which tells the user channel. */
  private expireAt(o: BookedOrder): void {
    const exp = Number(o.expiration);
    if (o.orderType !== "GTD" || !(exp > 0)) return;
    const t = setTimeout(() => {
      this.timers.delete(t);
      if (o.status !== "LIVE") return;
      o.status = "CANCELED";
      this.emitOrder(o, "CANCELLATION");
    }, Math.max(0, exp * 1000 - Date.now()));
    this.timers.add(t);
  }

  /** Cancel every LIVE order of a key, telling its user channel; the ids cancelled. */
  private cancelAllOf(apiKey: string): string[] {
    const canceled: string[] = [];
    for (const o of this.orders.values()) {
      if (o.owner !== apiKey || o.status !== "LIVE") continue;
      o.status = "CANCELED";
      canceled.push(o.id);
      this.emitOrder(o, "CANCELLATION");
    }
    return canceled;
  }

  /** Heartbeats started: if the next does not come in time, the venue cancels the key's orders. */
  private armDeadMan(apiKey: string): void {
    const prev = this.deadMen.get(apiKey);
    if (prev) {
      clearTimeout(prev);
      this.timers.delete(prev);
    }
    const t = setTimeout(() => {
      this.timers.delete(t);
      this.deadMen.delete(apiKey);
      this.deadManCancels.push(...this.cancelAllOf(apiKey));
    }, this.heartbeatTimeoutMs);
    this.timers.add(t);
    this.deadMen.set(apiKey, t);
  }

  private emitOrder(o: BookedOrder, type: "PLACEMENT" | "UPDATE" | "CANCELLATION"): void {
    const trades = this.trades.filter((t) => t.taker_order_id === o.id || t.maker_orders.some((m) => m.order_id === o.id)).map((t) => t.id);
    this.user.emit(o.owner, this.conditionId, {
      event_type: "order", id: o.id, owner: o.owner, market: this.conditionId, asset_id: o.tokenId, side: o.side, order_owner: o.owner,
      original_size: fmt(o.originalSize), size_matched: fmt(o.sizeMatched), price: o.price, associate_trades: trades.length ? trades : null,
      outcome: this.outcome(o.tokenId), type, created_at: unixSec(o.createdAt), expiration: o.expiration, order_type: o.orderType,
      status: o.status, maker_address: o.maker, timestamp: unixSec(),
    });
  }

  private emitTrade(t: TradeRecord): void {
    this.user.emit(t.owner, t.market, { event_type: "trade", type: "TRADE", ...t, trade_owner: t.owner, timestamp: t.last_update });
  }

  // ------------------------------------------------------------------ http

  private send(res: ServerResponse, log: RequestLog, status: number, body: unknown, headers: Record<string, string> = {}): void {
    log.status = status;
    if (res.destroyed || res.writableEnded) return;
    const text = typeof body === "string" ? body : JSON.stringify(body);
    res.writeHead(status, { "content-type": typeof body === "string" ? "text/html" : "application/json", ...headers });
    res.end(text);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const u = new URL(req.url ?? "/", "http://x");
    const method = (req.method ?? "GET").toUpperCase();
    const path = u.pathname;
    const log: RequestLog = { method, path, at: Date.now(), status: 0 };
    this.requests.push(log);

    const q = this.failures.get(`${method} ${path}`);
    const failure = q?.shift();
    if (failure?.kind === "425") {
      this.postOnlyUntil = Date.now() + this.postOnlyWindowMs;
      return this.send(res, log, 425, { error: "service not ready" });
    }
    if (failure?.kind === "429") return this.send(res, log, 429, { error: "Too Many Requests" }, { "retry-after": String(failure.retryAfterSec) });
    if (failure?.kind === "geoblock") return this.send(res, log, 403, GEOBLOCK_HTML);
    if (failure?.kind === "status") return this.send(res, log, failure.status, failure.body ?? { error: `scripted ${failure.status}` });

    if (failure?.kind === "late") {
      const t = setTimeout(() => {
        this.timers.delete(t);
        this.reply(res, log, method, path, u.searchParams, raw, req);
      }, failure.delayMs);
      this.timers.add(t);
      return;
    }
    let reply: Reply;
    try {
      reply = this.route(method, path, u.searchParams, raw, req, log);
    } catch (e) {
      reply = { status: 500, body: { error: `could not run the execution: ${(e as Error).message}` } };
    }
    if (failure?.kind === "timeout") {
      const t = setTimeout(() => {
        this.timers.delete(t);
        this.send(res, log, reply.status, reply.body, reply.headers);
      }, failure.holdMs);
      this.timers.add(t);
      return;
    }
    this.send(res, log, reply.status, reply.body, reply.headers);
  }

  private reply(res: ServerResponse, log: RequestLog, method: string, path: string, qs: URLSearchParams, raw: string, req: IncomingMessage): void {
    let reply: Reply;
    try {
      reply = this.route(method, path, qs, raw, req, log);
    } catch (e) {
      reply = { status: 500, body: { error: `could not run the execution: ${(e as Error).message}` } };
    }
    this.send(res, log, reply.status, reply.body, reply.headers);
  }

  private hdr(req: IncomingMessage, name: string): string | undefined {
    const v = req.headers[name.toLowerCase()];
    return Array.isArray(v) ? v[0] : v;
  }

  private l1(req: IncomingMessage, log: RequestLog): string | undefined {
    const address = this.hdr(req, "POLY_ADDRESS");
    const sig = this.hdr(req, "POLY_SIGNATURE");
    const ts = this.hdr(req, "POLY_TIMESTAMP");
    const nonce = this.hdr(req, "POLY_NONCE");
    if (!address || !sig || !ts || nonce === undefined) return undefined;
    try {
      const recovered = verifyTypedData(
        { name: "ClobAuthDomain", version: "1", chainId: this.chainId },
        CLOB_AUTH_TYPES,
        { address, timestamp: ts, nonce: BigInt(nonce), message: CLOB_AUTH_MSG },
        sig,
      );
      if (recovered.toLowerCase() !== address.toLowerCase()) return undefined;
      log.l1Verified = recovered;
      return recovered;
    } catch {
      return undefined;
    }
  }

  private l2(req: IncomingMessage, method: string, path: string, raw: string, log: RequestLog): ApiKeyRecord | undefined {
    const apiKey = this.hdr(req, "POLY_API_KEY");
    const sig = this.hdr(req, "POLY_SIGNATURE");
    const ts = this.hdr(req, "POLY_TIMESTAMP");
    const pass = this.hdr(req, "POLY_PASSPHRASE");
    if (!apiKey || !sig || !ts || !pass) return undefined;
    const rec = [...this.keys.values()].find((k) => k.apiKey === apiKey);
    if (!rec || rec.passphrase !== pass) return undefined;
    const expected = urlsafeB64(createHmac("sha256", decodeSecret(rec.secret)).update(ts + method + path + raw).digest());
    if (expected !== sig) return undefined;
    log.l2Verified = true;
    return rec;
  }

  private route(method: string, path: string, qs: URLSearchParams, raw: string, req: IncomingMessage, log: RequestLog): Reply {
    const reply = this.answer(method, path, qs, raw, req, log);
    // The venue's per-signer limiter evaluates orders and cancels; its headers come on their answers.
    const trading = (method === "POST" && path === "/order") || (method === "DELETE" && (path === "/order" || path === "/cancel-all"));
    const signer = trading && log.l2Verified ? [...this.keys.values()].find((k) => k.apiKey === this.hdr(req, "POLY_API_KEY")) : undefined;
    return signer ? { ...reply, headers: this.rateTier.headers(signer.address) } : reply;
  }

  private answer(method: string, path: string, qs: URLSearchParams, raw: string, req: IncomingMessage, log: RequestLog): Reply {
    const ok = (body: unknown) => ({ status: 200, body });
    const unauthorized = { status: 401, body: { error: "Unauthorized/Invalid api key" } };
    if (method === "GET" && path === "/time") return ok(Math.floor(Date.now() / 1000));
    if (method === "GET" && path === "/version") return ok({ version: 2 });
    if (method === "GET" && path === "/ok") return ok("OK");
    if (method === "GET" && path === "/tick-size") return ok({ minimum_tick_size: Number(this.tickSize) });
    if (method === "GET" && path === "/neg-risk") return ok({ neg_risk: this.negRisk });
    if (method === "GET" && path === "/book") {
      const book = this.books.get(qs.get("token_id") ?? "");
      return book === undefined ? { status: 404, body: { error: "No orderbook exists for the requested token id" } } : ok(book);
    }
    if (method === "GET" && path.startsWith("/markets-by-token/")) return ok({ condition_id: this.conditionId });
    if (method === "GET" && path.startsWith("/clob-markets/")) {
      return ok({ c: this.conditionId, t: this.tokens.map((t, i) => ({ t, o: i === 0 ? "Up" : "Down" })), mts: Number(this.tickSize), nr: this.negRisk, fd: { r: 0, e: 0, to: true }, mos: 5, ao: true });
    }
    if (path === "/auth/api-key" && method === "POST") {
      const addr = this.l1(req, log);
      if (!addr) return { status: 401, body: { error: "Invalid L1 Request headers" } };
      if (this.keys.has(addr.toLowerCase())) return { status: 400, body: { error: "Could not create api key" } };
      const rec = this.issueKey(addr);
      return ok({ apiKey: rec.apiKey, secret: rec.secret, passphrase: rec.passphrase });
    }
    if (path === "/auth/derive-api-key" && method === "GET") {
      const addr = this.l1(req, log);
      if (!addr) return { status: 401, body: { error: "Invalid L1 Request headers" } };
      const rec = this.keys.get(addr.toLowerCase());
      if (!rec) return { status: 400, body: { error: "Could not derive api key!" } };
      return ok({ apiKey: rec.apiKey, secret: rec.secret, passphrase: rec.passphrase });
    }

    // ---- L2 routes
    const rec = this.l2(req, method, path, raw, log);
    if (!rec) return unauthorized;

    if (method === "POST" && path === "/order") return this.postOrder(raw, rec, log);
    if (method === "DELETE" && path === "/order") {
      const { orderID } = JSON.parse(raw) as { orderID: string };
      const o = this.orders.get(orderID.toLowerCase());
      if (!o || o.owner !== rec.apiKey || o.status !== "LIVE") return ok({ canceled: [], not_canceled: { [orderID]: "order not found or already canceled" } });
      o.status = "CANCELED";
      this.emitOrder(o, "CANCELLATION");
      return ok({ canceled: [o.id], not_canceled: {} });
    }
    if (method === "DELETE" && path === "/cancel-all") return ok({ canceled: this.cancelAllOf(rec.apiKey), not_canceled: {} });
    if (method === "GET" && path === "/data/orders") {
      const id = qs.get("id");
      const asset = qs.get("asset_id");
      const data = [...this.orders.values()]
        .filter((o) => o.owner === rec.apiKey && o.status === "LIVE" && (!id || o.id.toLowerCase() === id.toLowerCase()) && (!asset || o.tokenId === asset))
        .map((o) => ({
          id: o.id, status: o.status, owner: o.owner, maker_address: o.maker, market: this.conditionId, asset_id: o.tokenId, side: o.side,
          original_size: fmt(o.originalSize), size_matched: fmt(o.sizeMatched), price: o.price, associate_trades: [],
          outcome: this.outcome(o.tokenId), created_at: Math.floor(o.createdAt / 1000), expiration: o.expiration, order_type: o.orderType,
        }));
      return ok({ data, next_cursor: END_CURSOR, limit: 500, count: data.length });
    }
    if (method === "GET" && path === "/data/trades") {
      const id = qs.get("id");
      const asset = qs.get("asset_id");
      const data = this.trades.filter((t) => t.owner === rec.apiKey && (!id || t.id === id) && (!asset || t.asset_id === asset));
      return ok({ data, next_cursor: END_CURSOR, limit: 500, count: data.length });
    }
    if (method === "GET" && path === "/v1/user/rate-limit-tier") return ok(this.rateTier.body(this.rateTier.of(rec.address)));
    if (method === "POST" && path === "/v1/heartbeats") {
      const body = JSON.parse(raw || "{}") as { heartbeat_id?: string };
      const id = body.heartbeat_id || randomUUID();
      this.heartbeats.push({ id, at: Date.now() });
      this.armDeadMan(rec.apiKey);
      return ok({ heartbeat_id: id });
    }
    if (method === "GET" && path === "/balance-allowance/update") {
      this.balanceUpdates.push({ at: Date.now(), assetType: qs.get("asset_type") ?? "", tokenId: qs.get("token_id") ?? undefined });
      return ok("");
    }
    if (method === "GET" && path === "/balance-allowance") {
      // CONDITIONAL: one outcome token's balance; COLLATERAL: pUSD, with the exchanges' allowances.
      if (qs.get("asset_type") === "CONDITIONAL") return ok({ balance: String(this.tokenBalanceMicro.get(qs.get("token_id") ?? "") ?? 1e12), allowances: {} });
      const allowance = String(this.allowanceMicro ?? "115792089237316195423570985008687907853269984665640564039457584007913129639935");
      return ok({ balance: String(this.balanceMicro), allowances: { [EXCHANGE_V2]: allowance, [NEG_RISK_EXCHANGE_V2]: allowance } });
    }
    return { status: 404, body: { error: `no route ${method} ${path}` } };
  }

  private postOrder(raw: string, rec: ApiKeyRecord, log: RequestLog): { status: number; body: unknown } {
    const at = Date.now();
    const refuse = (status: number, error: string) => {
      this.orderPosts.push({ at, status, error });
      return { status, body: { error } };
    };
    const body = JSON.parse(raw) as { order: Record<string, unknown>; owner: string; orderType: string; postOnly?: boolean };
    const o = body.order as {
      salt: number; maker: string; signer: string; tokenId: string; makerAmount: string; takerAmount: string; side: "BUY" | "SELL";
      signatureType: number; timestamp: string; expiration: string; metadata: string; builder: string; signature: string;
    };
    if (body.owner !== rec.apiKey) return refuse(400, "the order owner has to be the owner of the API KEY");
    // Our wording: the venue's own message for this case is not documented.
    if (at < this.postOnlyUntil && !body.postOnly) return refuse(400, "the matching engine is in post-only mode after a restart: only post-only orders are accepted");
    if (String(o.signer).toLowerCase() !== rec.address.toLowerCase()) return refuse(400, "the order signer address has to be the address of the API KEY");
    const domain = { name: "Polymarket CTF Exchange", version: "2", chainId: this.chainId, verifyingContract: this.negRisk ? NEG_RISK_EXCHANGE_V2 : EXCHANGE_V2 };
    const message = {
      salt: BigInt(o.salt), maker: o.maker, signer: o.signer, tokenId: BigInt(o.tokenId), makerAmount: BigInt(o.makerAmount), takerAmount: BigInt(o.takerAmount),
      side: o.side === "BUY" ? 0 : 1, signatureType: o.signatureType, timestamp: BigInt(o.timestamp), metadata: o.metadata, builder: o.builder,
    };
    let recovered = "";
    try {
      recovered = verifyTypedData(domain, ORDER_TYPES, message, o.signature);
    } catch {
      return refuse(400, "invalid signature");
    }
    if (recovered.toLowerCase() !== String(o.signer).toLowerCase()) return refuse(400, "invalid signature");
    const id = TypedDataEncoder.hash(domain, ORDER_TYPES, message);
    if (this.orders.has(id.toLowerCase())) return refuse(400, `order ${id} is invalid. Duplicated.`);

    const makerAmt = Number(o.makerAmount);
    const takerAmt = Number(o.takerAmount);
    const shares = o.side === "BUY" ? takerAmt : makerAmt;
    const usd = o.side === "BUY" ? makerAmt : takerAmt;
    const price = (Math.round((usd / shares) * 10_000) / 10_000).toString();
    const booked: BookedOrder = {
      id, owner: rec.apiKey, maker: o.maker, signer: o.signer, recovered, tokenId: o.tokenId, side: o.side, price, originalSize: shares, sizeMatched: 0,
      status: "LIVE", orderType: body.orderType, createdAt: at, expiration: String(o.expiration ?? "0"), hmacVerified: log.l2Verified === true,
    };
    this.orders.set(id.toLowerCase(), booked);
    this.orderPosts.push({ at, status: 200, orderId: id, postOnly: body.postOnly === true });
    this.emitOrder(booked, "PLACEMENT");
    this.expireAt(booked);

    const immediate = body.orderType === "FOK" || body.orderType === "FAK";
    const plan = this.fillPlans.shift() ?? {};
    const fillShares = Math.min(plan.fillShares ?? (immediate ? shares : 0), shares);
    const trade = fillShares > 0 ? this.newTrade(booked, id, o.side, fillShares, plan.tradeStatus ?? "CONFIRMED", "TAKER", []) : undefined;
    if (trade) {
      booked.sizeMatched = fillShares;
      if (plan.failAfterMs !== undefined) {
        const t = setTimeout(() => {
          this.timers.delete(t);
          this.advanceTrade(trade.id, "FAILED");
        }, plan.failAfterMs);
        this.timers.add(t);
      }
    }
    if (immediate || fillShares >= shares) booked.status = fillShares > 0 ? "MATCHED" : "UNMATCHED";
    if (trade) this.emitTrade(trade);
    if (trade || booked.status !== "LIVE") this.emitOrder(booked, "UPDATE");
    const matchedUsd = Math.round((fillShares * usd) / shares);
    const status = booked.status === "LIVE" ? "live" : booked.status === "MATCHED" ? "matched" : "unmatched";
    return {
      status: 200,
      body: {
        success: true, errorMsg: "", orderID: id, status,
        takingAmount: fillShares > 0 ? fmt(o.side === "BUY" ? fillShares : matchedUsd) : "",
        makingAmount: fillShares > 0 ? fmt(o.side === "BUY" ? matchedUsd : fillShares) : "",
        tradeIDs: trade ? [trade.id] : [], transactionsHashes: trade?.transaction_hash ? [trade.transaction_hash] : [],
      },
    };
  }
}

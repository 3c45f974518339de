/**
 * Live order executor on the real `ClobClient` of @polymarket/clob-client-v2.
 *
 * - L1: `createOrDeriveApiKey` with the ethers-v6 adapter signer (EIP-712 ClobAuth).
 * - Orders: the client's `createOrder` (GTC/GTD) / `createMarketOrder` (FOK/FAK) sign the order,
 *   then `postOrder`. (This is exactly what `createAndPostOrder` / `createAndPostMarketOrder` do,
 *   split so that the signed order — and so its EIP-712 hash, the venue order id — is known and
 *   kept per intent BEFORE posting. A retry re-posts the same signed order, same salt.)
 * - Errors as the venue behaves: 425 → exponential backoff; 429 → wait Retry-After;
 *   403 geoblock → GeoblockedError, halt, no retry; timeout/network/5xx → reconcile through
 *   GET /data/orders and GET /data/trades before any re-post.
 */
import axios, { type AxiosError, type InternalAxiosRequestConfig } from "axios";
import {
  ApiError,
  AssetType,
  Chain,
  ClobClient,
  OrderType,
  Side,
  type ApiKeyCreds,
  type OpenOrder,
  type OrderResponse,
  type SignedOrder,
  type Trade,
} from "@polymarket/clob-client-v2";
import { initialTransition, transition, type SnapshotFrom } from "xstate";
import { orderMachine, type OrderEvent as OrderMachineEvent } from "../orderMachine.ts";
import type { EthersV5StyleSigner } from "./ethersSigner.ts";
import { classifyError, GeoblockedError, VenueError, type ClassifiedError } from "./errors.ts";
import {
  isAccepted,
  normTradeStatus,
  openOrderForId,
  tradeSizeForOrder,
  tradesForOrder,
  venueMicro,
  type LiveEvent,
  type LiveFill,
  type LiveIntent,
} from "./events.ts";
import { orderV2Hash, type SignedOrderV2Like } from "./orderHash.ts";

export interface LiveExecutorOptions {
  host: string;
  signer: EthersV5StyleSigner;
  chainId?: number;
  /** Pre-existing L2 credentials; otherwise `init()` derives them. */
  creds?: ApiKeyCreds;
  signatureType?: number;
  funderAddress?: string;
  /** Per-request HTTP timeout for this host (the client itself sets none). Default 10 s. */
  httpTimeoutMs?: number;
  /** 425 backoff: first wait, cap, attempts. Defaults 1 s, 30 s, 8. */
  backoffInitialMs?: number;
  backoffMaxMs?: number;
  maxNotReadyRetries?: number;
  /** 429: attempts and the longest Retry-After we will sit out. Defaults 5 and 60 s. */
  maxRateLimitRetries?: number;
  maxRetryAfterMs?: number;
  /** After a 425 (engine restart) the engine is post-only this long: FOK/FAK are refused here, limits go post-only. Default 2 min. */
  postOnlyWindowMs?: number;
  /** Re-posts of the same signed order after a reconcile found nothing. Default 2. */
  maxUnknownOutcomeRetries?: number;
  /** Check collateral before a BUY. Default true. */
  refreshBalanceBeforeOrder?: boolean;
  heartbeatIntervalMs?: number;
  /**
   * Called once an order is signed and its id (the EIP-712 hash) known, before it is posted: the
   * place to write it ahead to the ledger, so a crash mid-post leaves a record to reconcile.
   * Throwing stops the post.
   */
  beforePost?: (intentId: string, orderId: string) => void;
  sleep?: (ms: number) => Promise<void>;
  onEvent?: (e: LiveEvent) => void;
  log?: (msg: string, fields?: Record<string, unknown>) => void;
}

type Life = SnapshotFrom<typeof orderMachine>;
/** States in which the venue has the order (so its trades are ours to follow). */
const AT_VENUE = ["live", "partiallyFilled", "filled", "cancelled", "expired"] as const;

interface IntentEntry {
  intent: LiveIntent;
  /** Absent for orders adopted at start-up: those are tracked, never re-posted. */
  signed?: SignedOrder;
  orderId: string;
  /** The order's lifecycle (orderMachine): it alone decides whether the order may be sent (again). */
  life: Life;
  /** fillId -> last venue status reported */
  trades: Map<string, { status: string; size: number }>;
  filled: number;
  events: LiveEvent[];
  postAttempts: number;
}

export interface PlaceResult {
  intentId: string;
  orderId?: string;
  events: LiveEvent[];
  /** True when the outcome was learned through GET /data/orders|/data/trades after a timeout. */
  reconciled: boolean;
  postAttempts: number;
  /** Timed out, never found at the venue, not re-sent: `recheckDoubtful()` settles it later (found, or given up). */
  unresolved?: boolean;
}

export interface Balances {
  collateral: number;
  raw: { balance: string; allowances: Record<string, string> };
}

const newLife = (size: number): Life => initialTransition(orderMachine, { size })[0];
const step = (e: IntentEntry, ev: OrderMachineEvent): void => void (e.life = transition(orderMachine, e.life, ev)[0]);
const atVenue = (e: IntentEntry): boolean => AT_VENUE.some((s) => e.life.matches(s));

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function toTypeEnum(t: LiveIntent["type"]): OrderType {
  return t === "GTC" ? OrderType.GTC : t === "GTD" ? OrderType.GTD : t === "FOK" ? OrderType.FOK : OrderType.FAK;
}

export class LiveExecutor {
  readonly host: string;
  readonly chainId: number;
  private readonly opts: LiveExecutorOptions;
  private client: ClobClient | undefined;
  private creds: ApiKeyCreds | undefined;
  private readonly intents = new Map<string, IntentEntry>();
  /** Intents whose orders timed out and were not found yet, with the number of rechecks so far. */
  private readonly doubtful = new Map<string, number>();
  private readonly byOrderId = new Map<string, IntentEntry>();
  private halted: GeoblockedError | undefined;
  private lastRetryAfterMs: number | undefined;
  /** Wall time until which the venue's engine takes post-only orders only (after its restart). */
  private postOnlyUntil = 0;
  private interceptors: { req: number; res: number } | undefined;
  private heartbeat: { timer: NodeJS.Timeout; id: string } | undefined;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(opts: LiveExecutorOptions) {
    this.opts = opts;
    this.host = opts.host.replace(/\/$/, "");
    this.chainId = opts.chainId ?? Chain.POLYGON;
    this.sleep = opts.sleep ?? defaultSleep;
    this.creds = opts.creds;
    this.installInterceptors();
  }

  /** Derive (or create) the API key if none was given, then build the L2 client. */
  async init(): Promise<{ apiKey: string; address: string }> {
    if (!this.creds) {
      const l1 = new ClobClient({ host: this.host, chain: this.chainId, signer: this.opts.signer as never });
      const creds = await l1.createOrDeriveApiKey();
      if (!creds?.key || !creds.secret || !creds.passphrase) {
        throw new VenueError("could not create or derive a Polymarket API key (L1 auth refused)", undefined, "rejected");
      }
      this.creds = creds;
    }
    this.client = new ClobClient({
      host: this.host,
      chain: this.chainId,
      signer: this.opts.signer as never,
      creds: this.creds,
      ...(this.opts.signatureType !== undefined ? { signatureType: this.opts.signatureType } : {}),
      ...(this.opts.funderAddress !== undefined ? { funderAddress: this.opts.funderAddress } : {}),
      throwOnError: true,
      retryOnError: false,
    });
    return { apiKey: this.creds.key, address: await this.opts.signer.getAddress() };
  }

  /** API key id (not the secret), for logs. */
  get apiKey(): string | undefined {
    return this.creds?.key;
  }

  get isHalted(): boolean {
    return this.halted !== undefined;
  }

  private get c(): ClobClient {
    if (!this.client) throw new Error("LiveExecutor.init() has not been called");
    return this.client;
  }

  private emit(entry: IntentEntry | undefined, e: LiveEvent, out: LiveEvent[]): void {
    out.push(e);
    entry?.events.push(e);
    this.opts.onEvent?.(e);
  }

  private log(msg: string, fields?: Record<string, unknown>): void {
    this.opts.log?.(msg, fields);
  }

  // ---------------------------------------------------------------- balances

  async refreshBalances(): Promise<Balances> {
    const raw = await this.withRetries("GET /balance-allowance", () =>
      this.c.getBalanceAllowance({ asset_type: AssetType.COLLATERAL }),
    );
    // The venue reports collateral in base units of the 6-decimal token, i.e. already micro-USD.
    const b = String(raw?.balance ?? "0").trim();
    const collateral = /^\d+$/.test(b) ? Number(BigInt(b)) : venueMicro(b);
    return { collateral, raw };
  }

  // ---------------------------------------------------------------- orders

  async place(intent: LiveIntent): Promise<PlaceResult> {
    if (this.halted) throw this.halted;
    const existing = this.intents.get(intent.intentId);
    if (existing) return this.resume(existing);

    const out: LiveEvent[] = [];
    if (!Number.isSafeInteger(intent.price) || intent.price <= 0 || intent.price >= 1_000_000) {
      this.emit(undefined, { type: "reject", intentId: intent.intentId, reason: `invalid price ${intent.price}` }, out);
      return { intentId: intent.intentId, events: out, reconciled: false, postAttempts: 0 };
    }
    if (!Number.isSafeInteger(intent.size) || intent.size <= 0) {
      this.emit(undefined, { type: "reject", intentId: intent.intentId, reason: `invalid size ${intent.size}` }, out);
      return { intentId: intent.intentId, events: out, reconciled: false, postAttempts: 0 };
    }

    const window = this.postOnlyRefusal(intent);
    if (window) {
      this.emit(undefined, { type: "reject", intentId: intent.intentId, reason: window }, out);
      return { intentId: intent.intentId, events: out, reconciled: false, postAttempts: 0 };
    }
    if (intent.side === "BUY" && (this.opts.refreshBalanceBeforeOrder ?? true)) {
      const bal = await this.refreshBalances();
      const cost = Math.ceil((intent.price * intent.size) / 1_000_000);
      if (cost > bal.collateral) {
        this.emit(undefined, { type: "reject", intentId: intent.intentId, reason: `insufficient collateral: need ${cost}, have ${bal.collateral}` }, out);
        return { intentId: intent.intentId, events: out, reconciled: false, postAttempts: 0 };
      }
    }

    const negRisk = intent.negRisk ?? (await this.withRetries("GET /neg-risk", () => this.c.getNegRisk(intent.tokenId)));
    const tickSize = intent.tickSize ?? (await this.withRetries("GET /tick-size", () => this.c.getTickSize(intent.tokenId)));
    const options = { tickSize, negRisk };
    const price = intent.price / 1_000_000;
    const shares = intent.size / 1_000_000;
    let signed: SignedOrder;
    try {
      if (intent.type === "GTC" || intent.type === "GTD") {
        signed = await this.withRetries("sign limit order", () =>
          this.c.createOrder(
            {
              tokenID: intent.tokenId,
              price,
              size: shares,
              side: intent.side === "BUY" ? Side.BUY : Side.SELL,
              ...(intent.type === "GTD" && intent.expiration !== undefined ? { expiration: intent.expiration } : {}),
            },
            options,
          ),
        );
      } else {
        // Market orders: BUY amount is dollars, SELL amount is shares; price is the worst acceptable price.
        const amount = intent.side === "BUY" ? (intent.price * intent.size) / 1e12 : shares;
        signed = await this.withRetries("sign market order", () =>
          this.c.createMarketOrder(
            {
              tokenID: intent.tokenId,
              price,
              amount,
              side: intent.side === "BUY" ? Side.BUY : Side.SELL,
              orderType: intent.type === "FOK" ? OrderType.FOK : OrderType.FAK,
            },
            options,
          ),
        );
      }
    } catch (e) {
      if (e instanceof GeoblockedError) throw e;
      const reason = e instanceof Error ? e.message : String(e);
      this.emit(undefined, { type: "reject", intentId: intent.intentId, reason }, out);
      return { intentId: intent.intentId, events: out, reconciled: false, postAttempts: 0 };
    }

    const orderId = orderV2Hash(signed as unknown as SignedOrderV2Like, this.chainId, negRisk);
    const entry: IntentEntry = { intent, signed, orderId, life: newLife(intent.size), trades: new Map(), filled: 0, events: [], postAttempts: 0 };
    try {
      this.opts.beforePost?.(intent.intentId, orderId);
    } catch (e) {
      this.emit(undefined, { type: "reject", intentId: intent.intentId, reason: `not posted: ${e instanceof Error ? e.message : String(e)}` }, out);
      return { intentId: intent.intentId, orderId, events: out, reconciled: false, postAttempts: 0 };
    }
    this.intents.set(intent.intentId, entry);
    this.byOrderId.set(orderId.toLowerCase(), entry);
    return this.postEntry(entry, out);
  }

  /** A place() for an intent we already know: never sign or post anew without reconciling first. */
  private async resume(entry: IntentEntry): Promise<PlaceResult> {
    const out: LiveEvent[] = [];
    if (entry.life.matches("unknown") || entry.life.matches("new")) {
      const found = await this.reconcile(entry, out, !this.doubtful.has(entry.intent.intentId));
      if (found) this.doubtful.delete(entry.intent.intentId);
      if (found) return { intentId: entry.intent.intentId, orderId: entry.orderId, events: out, reconciled: true, postAttempts: entry.postAttempts };
      // Timed out before and still not found: it may yet be booked, so it is not sent again.
      if (this.doubtful.has(entry.intent.intentId)) return { intentId: entry.intent.intentId, orderId: entry.orderId, events: out, reconciled: true, postAttempts: entry.postAttempts, unresolved: true };
      return this.postEntry(entry, out);
    }
    return { intentId: entry.intent.intentId, orderId: entry.orderId, events: [...entry.events], reconciled: false, postAttempts: entry.postAttempts };
  }

  private async postEntry(entry: IntentEntry, out: LiveEvent[]): Promise<PlaceResult> {
    const orderType = toTypeEnum(entry.intent.type);
    let notReady = 0;
    let limited = 0;
    let unknown = 0;
    let reconciled = false;
    for (;;) {
      if (this.halted) throw this.halted;
      if (!entry.life.can({ type: "SEND" })) {
        throw new VenueError(`order ${entry.orderId} is ${String(entry.life.value)}: the order machine refuses to send it again`, undefined, "rejected");
      }
      step(entry, { type: "SEND" });
      entry.postAttempts++;
      let res: OrderResponse | undefined;
      let err: ClassifiedError | undefined;
      try {
        if (!entry.signed) throw new VenueError(`order ${entry.orderId} was adopted, not signed here: it is never re-posted`, undefined, "rejected");
        res = await this.c.postOrder(entry.signed, orderType as never, (entry.intent.postOnly ?? false) || this.inPostOnlyWindow());
      } catch (e) {
        err = classifyError(e);
      }
      if (!err) {
        if (isAccepted(res)) {
          step(entry, { type: "ACK" });
          this.emit(entry, { type: "ack", intentId: entry.intent.intentId, orderId: entry.orderId, venueStatus: String(res.status ?? "") }, out);
          await this.collectFills(entry, out, res);
          return { intentId: entry.intent.intentId, orderId: entry.orderId, events: out, reconciled, postAttempts: entry.postAttempts };
        }
        err = { kind: "rejected", status: undefined, message: String((res as OrderResponse | undefined)?.errorMsg || "order not accepted") };
      }
      switch (err.kind) {
        case "not_ready": {
          step(entry, { type: "REFUSED" });
          this.enginesRestarting();
          if (++notReady > (this.opts.maxNotReadyRetries ?? 8)) return this.giveUp(entry, out, err, reconciled);
          await this.sleep(this.backoffMs(notReady));
          const window = this.postOnlyRefusal(entry.intent);
          if (window) return this.giveUp(entry, out, { kind: "rejected", status: undefined, message: window }, reconciled);
          continue;
        }
        case "rate_limited": {
          step(entry, { type: "REFUSED" });
          if (++limited > (this.opts.maxRateLimitRetries ?? 5)) return this.giveUp(entry, out, err, reconciled);
          await this.sleep(this.retryAfterMs(limited));
          continue;
        }
        case "geoblocked":
          this.halt("POST /order");
          throw this.halted;
        case "unknown_outcome": {
          step(entry, { type: "TIMEOUT" });
          this.log("order post outcome unknown; reconciling", { intentId: entry.intent.intentId, orderId: entry.orderId, error: err.message });
          const mayResend = ++unknown <= (this.opts.maxUnknownOutcomeRetries ?? 2);
          // Not found and resendable: the machine goes back to new, and the same signed order goes again. Otherwise it stays unknown.
          const found = await this.reconcile(entry, out, mayResend);
          reconciled = true;
          if (found) return { intentId: entry.intent.intentId, orderId: entry.orderId, events: out, reconciled, postAttempts: entry.postAttempts };
          if (!mayResend) {
            // Not sent again: a request stuck in the venue's queue may still be booked. recheckDoubtful() looks again later.
            this.doubtful.set(entry.intent.intentId, 0);
            this.log("order outcome still unknown; not re-sent, rechecking later", { intentId: entry.intent.intentId, orderId: entry.orderId, attempts: unknown });
            return { intentId: entry.intent.intentId, orderId: entry.orderId, events: out, reconciled, postAttempts: entry.postAttempts, unresolved: true };
          }
          continue; // same signed order, same salt: the venue cannot book it twice
        }
        default:
          return this.giveUp(entry, out, err, reconciled);
      }
    }
  }

  private giveUp(entry: IntentEntry, out: LiveEvent[], err: ClassifiedError, reconciled: boolean): PlaceResult {
    step(entry, { type: "REJECTED", reason: err.message });
    this.emit(entry, { type: "reject", intentId: entry.intent.intentId, reason: err.message, ...(err.status !== undefined ? { status: err.status } : {}) }, out);
    return { intentId: entry.intent.intentId, orderId: entry.orderId, events: out, reconciled, postAttempts: entry.postAttempts };
  }

  /** A 425: the engine is restarting, and will be post-only for a while once back. */
  private enginesRestarting(): void {
    this.postOnlyUntil = Date.now() + (this.opts.postOnlyWindowMs ?? 120_000);
  }

  private inPostOnlyWindow(): boolean {
    return Date.now() < this.postOnlyUntil;
  }

  /** Why an order cannot go now (a FOK/FAK takes liquidity, which a post-only engine refuses), or undefined. */
  private postOnlyRefusal(i: LiveIntent): string | undefined {
    if (!this.inPostOnlyWindow() || (i.type !== "FOK" && i.type !== "FAK")) return undefined;
    return `venue is post-only after an engine restart until ${new Date(this.postOnlyUntil).toISOString()}: ${i.type} orders are not sent`;
  }

  private halt(endpoint: string): void {
    this.halted ??= new GeoblockedError(endpoint);
    this.stopHeartbeat();
  }

  private backoffMs(attempt: number): number {
    const first = this.opts.backoffInitialMs ?? 1000;
    return Math.min(first * 2 ** (attempt - 1), this.opts.backoffMaxMs ?? 30_000);
  }

  private retryAfterMs(attempt: number): number {
    const ra = this.lastRetryAfterMs;
    this.lastRetryAfterMs = undefined;
    const wait = ra ?? this.backoffMs(attempt);
    return Math.min(wait, this.opts.maxRetryAfterMs ?? 60_000);
  }

  /** Look the order up by its hash in open orders and trades. True if the venue has it. */
  private async reconcile(entry: IntentEntry, out: LiveEvent[], mayResend = true): Promise<boolean> {
    const open = await this.withRetries("GET /data/orders", () => this.c.getOpenOrders({ id: entry.orderId }));
    const trades = await this.withRetries("GET /data/trades", () => this.c.getTrades({ asset_id: entry.intent.tokenId }));
    const mine = tradesForOrder(trades, entry.orderId);
    const o = openOrderForId(open, entry.orderId);
    if (!o && mine.length === 0) {
      if (mayResend) step(entry, { type: "RECONCILED", venue: { found: false } });
      return false;
    }
    // Found: whatever it did, the venue has it (its fills and cancels follow below).
    step(entry, { type: "RECONCILED", venue: { found: true, status: "live", filled: 0 } });
    this.emit(entry, { type: "ack", intentId: entry.intent.intentId, orderId: entry.orderId, venueStatus: o ? o.status : "MATCHED" }, out);
    this.applyTrades(entry, mine, out);
    this.closeOutImmediate(entry, out, o === undefined);
    return true;
  }

  private async collectFills(entry: IntentEntry, out: LiveEvent[], res: OrderResponse): Promise<void> {
    const matched = venueMicro(entry.intent.side === "BUY" ? res.takingAmount || "0" : res.makingAmount || "0");
    const hasTrades = (res.tradeIDs?.length ?? 0) > 0 || matched > 0 || String(res.status).toLowerCase() === "matched";
    if (hasTrades) {
      const trades = await this.withRetries("GET /data/trades", () => this.c.getTrades({ asset_id: entry.intent.tokenId }));
      this.applyTrades(entry, tradesForOrder(trades, entry.orderId), out);
    }
    this.closeOutImmediate(entry, out, String(res.status).toLowerCase() !== "live");
  }

  /** FOK/FAK never rest: whatever did not fill is cancelled by the venue. */
  private closeOutImmediate(entry: IntentEntry, out: LiveEvent[], notResting: boolean): void {
    const t = entry.intent.type;
    if ((t === "FOK" || t === "FAK") && notResting && entry.filled < entry.intent.size) {
      step(entry, { type: "CANCELLED", reason: `${t} remainder cancelled by venue` });
      this.emit(entry, { type: "cancel", intentId: entry.intent.intentId, orderId: entry.orderId, remaining: entry.intent.size - entry.filled, reason: `${t} remainder cancelled by venue` }, out);
    }
  }

  private applyTrades(entry: IntentEntry, trades: readonly Trade[], out: LiveEvent[]): void {
    for (const t of trades) {
      const leg = tradeSizeForOrder(t, entry.orderId);
      if (!leg) continue;
      const status = normTradeStatus(t.status);
      const prev = entry.trades.get(t.id);
      if (status === "FAILED") {
        if (prev && prev.status !== "FAILED") {
          entry.filled -= prev.size;
          entry.trades.set(t.id, { status, size: prev.size });
          this.emit(entry, { type: "fill_reverted", intentId: entry.intent.intentId, orderId: entry.orderId, fillId: t.id, size: prev.size, reason: t.err_msg ?? "trade FAILED" }, out);
        } else if (!prev) {
          entry.trades.set(t.id, { status, size: leg.size });
        }
        continue;
      }
      if (prev) {
        if (prev.status !== status) entry.trades.set(t.id, { status, size: prev.size });
        continue;
      }
      entry.trades.set(t.id, { status, size: leg.size });
      entry.filled += leg.size;
      step(entry, { type: "FILL", size: leg.size });
      const fill: LiveFill = {
        type: "fill",
        liquidity: t.taker_order_id?.toLowerCase() === entry.orderId.toLowerCase() ? "taker" : "maker",
        intentId: entry.intent.intentId,
        orderId: entry.orderId,
        fillId: t.id,
        tokenId: entry.intent.tokenId,
        side: entry.intent.side,
        price: leg.price,
        size: leg.size,
        tradeStatus: status,
        final: status === "CONFIRMED",
        filledTotal: entry.filled,
        partial: entry.filled < entry.intent.size,
      };
      this.emit(entry, fill, out);
    }
  }

  /** Poll /data/trades for every posted intent on a token set; emits new fills and FAILED reversals. */
  async pollTrades(): Promise<LiveEvent[]> {
    const out: LiveEvent[] = [];
    const tokens = new Set([...this.intents.values()].filter(atVenue).map((e) => e.intent.tokenId));
    for (const token of tokens) {
      const trades = await this.withRetries("GET /data/trades", () => this.c.getTrades({ asset_id: token }));
      for (const e of this.intents.values()) if (e.intent.tokenId === token && atVenue(e)) this.applyTrades(e, tradesForOrder(trades, e.orderId), out);
    }
    return out;
  }

  /** Trades (WS or REST, same shape) from elsewhere, e.g. the user channel: new fills and reversals of tracked orders. */
  ingestTrades(trades: readonly Trade[]): LiveEvent[] {
    const out: LiveEvent[] = [];
    for (const t of trades) {
      const ids = [t.taker_order_id, ...(t.maker_orders ?? []).map((m) => m.order_id)];
      for (const id of ids) {
        const e = id ? this.byOrderId.get(id.toLowerCase()) : undefined;
        if (e && atVenue(e)) this.applyTrades(e, [t], out);
      }
    }
    return out;
  }

  /**
   * Track an order found at the venue on start-up (placed before a restart): its later fills are
   * reported like any other's. `knownFills` are trade ids the ledger already booked, with sizes.
   */
  adopt(intent: LiveIntent, orderId: string, knownFills: ReadonlyMap<string, number> = new Map()): void {
    if (this.intents.has(intent.intentId)) return;
    // It was sent and acknowledged in an earlier life of the floor.
    const life = [{ type: "SEND" } as const, { type: "ACK" } as const].reduce((s, e) => transition(orderMachine, s, e)[0], newLife(intent.size));
    const entry: IntentEntry = { intent, orderId, life, trades: new Map(), filled: 0, events: [], postAttempts: 0 };
    for (const [id, size] of knownFills) {
      entry.trades.set(id, { status: "MATCHED", size });
      entry.filled += size;
    }
    this.intents.set(intent.intentId, entry);
    this.byOrderId.set(orderId.toLowerCase(), entry);
  }

  /** Every open order of ours at the venue (all pages). */
  async openOrders(): Promise<OpenOrder[]> {
    return this.withRetries("GET /data/orders", () => this.c.getOpenOrders());
  }

  /** Our trades in one token, as the venue reports them. */
  async tradesOf(tokenId: string): Promise<Trade[]> {
    return this.withRetries("GET /data/trades", () => this.c.getTrades({ asset_id: tokenId }));
  }

  /**
   * Look again for orders whose post timed out and that the venue did not show (a request can sit
   * in its queue): found ones report their ack and fills; after `maxChecks` misses an order is given
   * up (the order machine's ABANDON) and reported rejected. Never re-sends.
   */
  async recheckDoubtful(maxChecks = 3): Promise<LiveEvent[]> {
    const out: LiveEvent[] = [];
    for (const [intentId, checks] of [...this.doubtful]) {
      const entry = this.intents.get(intentId)!;
      if (await this.reconcile(entry, out, false)) {
        this.doubtful.delete(intentId);
      } else if (checks + 1 >= maxChecks) {
        this.doubtful.delete(intentId);
        const reason = `not found at the venue after its post timed out (${checks + 1} checks); not re-sent`;
        step(entry, { type: "ABANDON", reason });
        this.emit(entry, { type: "reject", intentId, reason }, out);
      } else this.doubtful.set(intentId, checks + 1);
    }
    return out;
  }

  /** How many timed-out orders are still being looked for. */
  get doubtfulCount(): number {
    return this.doubtful.size;
  }

  /** Where an intent's order is in its lifecycle (an orderMachine state), if we know the intent. */
  orderState(intentId: string): string | undefined {
    const e = this.intents.get(intentId);
    return e && String(e.life.value);
  }

  /** The order id (EIP-712 hash) posted for an intent, if any. */
  orderIdFor(intentId: string): string | undefined {
    return this.intents.get(intentId)?.orderId;
  }

  // ---------------------------------------------------------------- cancels

  async cancel(orderId: string): Promise<LiveEvent[]> {
    const res = (await this.withRetries("DELETE /order", () => this.c.cancelOrder({ orderID: orderId }), true)) as CancelResponse;
    return this.cancelEvents(res, "cancelled by us");
  }

  /** DELETE /cancel-all: for shutdown. */
  async cancelAll(): Promise<LiveEvent[]> {
    const res = (await this.withRetries("DELETE /cancel-all", () => this.c.cancelAll(), true)) as CancelResponse;
    return this.cancelEvents(res, "cancel-all");
  }

  private cancelEvents(res: CancelResponse, reason: string): LiveEvent[] {
    return (res?.canceled ?? []).flatMap((id) => this.venueCancelled(id, reason));
  }

  /**
   * The venue cancelled an order: our cancel's answer, or the user channel's CANCELLATION (an
   * expiry, the dead-man switch, our own cancel seen again). One cancel event per order, however
   * many times it is reported; orders of no intent of ours are reported with an empty intent id.
   */
  venueCancelled(orderId: string, reason: string): LiveEvent[] {
    const out: LiveEvent[] = [];
    const entry = this.byOrderId.get(orderId.toLowerCase());
    if (entry && !entry.life.can({ type: "CANCELLED" })) return out; // already closed
    if (entry) step(entry, { type: "CANCELLED", reason });
    this.emit(entry, { type: "cancel", intentId: entry?.intent.intentId ?? "", orderId, remaining: entry ? entry.intent.size - entry.filled : 0, reason }, out);
    return out;
  }

  /** The credentials the user channel's subscription frame carries; undefined before init(). Never log them. */
  userChannelCreds(): ApiKeyCreds | undefined {
    return this.creds && { ...this.creds };
  }

  // ---------------------------------------------------------------- heartbeat

  /** POST /v1/heartbeats every interval; the venue cancels our orders if heartbeats stop (~10 s). */
  startHeartbeat(intervalMs = this.opts.heartbeatIntervalMs ?? 5000): void {
    if (this.heartbeat) return;
    const hb = { id: "", timer: undefined as unknown as NodeJS.Timeout };
    const beat = async () => {
      if (this.heartbeat !== hb) return; // stopped
      try {
        const r = (await this.c.postHeartbeat(hb.id)) as { heartbeat_id?: string } | undefined;
        if (r?.heartbeat_id) hb.id = r.heartbeat_id;
      } catch (e) {
        const c = classifyError(e);
        if (c.kind === "geoblocked") this.halt("POST /v1/heartbeats");
        this.log("heartbeat failed", { kind: c.kind, status: c.status });
      }
    };
    hb.timer = setInterval(() => void beat(), intervalMs);
    hb.timer.unref?.();
    this.heartbeat = hb as { timer: NodeJS.Timeout; id: string };
    void beat();
  }

  stopHeartbeat(): void {
    if (this.heartbeat) clearInterval(this.heartbeat.timer);
    this.heartbeat = undefined;
  }

  /** Stop heartbeats and remove this executor's axios hooks. Does not cancel orders (call cancelAll first). */
  close(): void {
    this.stopHeartbeat();
    if (this.interceptors) {
      axios.interceptors.request.eject(this.interceptors.req);
      axios.interceptors.response.eject(this.interceptors.res);
      this.interceptors = undefined;
    }
  }

  // ---------------------------------------------------------------- plumbing

  /** Retries for idempotent calls (reads, cancels): 425 backoff, 429 Retry-After, geoblock halts. */
  private async withRetries<T>(label: string, op: () => Promise<T>, retryUnknown = false): Promise<T> {
    let notReady = 0;
    let limited = 0;
    let unknown = 0;
    for (;;) {
      if (this.halted) throw this.halted;
      try {
        return await op();
      } catch (e) {
        const c = classifyError(e);
        if (c.kind === "geoblocked") {
          this.halt(label);
          throw this.halted;
        }
        if (c.kind === "not_ready") this.enginesRestarting();
        if (c.kind === "not_ready" && ++notReady <= (this.opts.maxNotReadyRetries ?? 8)) {
          await this.sleep(this.backoffMs(notReady));
          continue;
        }
        if (c.kind === "rate_limited" && ++limited <= (this.opts.maxRateLimitRetries ?? 5)) {
          await this.sleep(this.retryAfterMs(limited));
          continue;
        }
        if (retryUnknown && c.kind === "unknown_outcome" && ++unknown <= 2) {
          await this.sleep(this.backoffMs(unknown));
          continue;
        }
        if (e instanceof ApiError) throw new VenueError(`${label}: ${c.message}`, c.status, c.kind);
        throw e;
      }
    }
  }

  /**
   * The client uses the global axios instance, sets no timeout and drops response headers
   * (so Retry-After is lost). Two host-scoped hooks fix that: a request timeout and a
   * Retry-After capture. Other hosts are untouched.
   */
  private installInterceptors(): void {
    const host = this.host;
    const timeout = this.opts.httpTimeoutMs ?? 10_000;
    const mine = (url: string | undefined) => typeof url === "string" && url.startsWith(host);
    const req = axios.interceptors.request.use((cfg: InternalAxiosRequestConfig) => {
      if (mine(cfg.url) && !cfg.timeout) cfg.timeout = timeout;
      return cfg;
    });
    const res = axios.interceptors.response.use(undefined, (err: AxiosError) => {
      if (mine(err.config?.url) && err.response?.status === 429) {
        const ms = parseRetryAfter(err.response.headers?.["retry-after"]);
        if (ms !== undefined) this.lastRetryAfterMs = ms;
      }
      return Promise.reject(err);
    });
    this.interceptors = { req, res };
  }
}

interface CancelResponse {
  canceled?: string[];
  not_canceled?: Record<string, string>;
}

/** Retry-After: delta-seconds or an HTTP date. */
export function parseRetryAfter(v: unknown): number | undefined {
  if (v === undefined || v === null) return undefined;
  const s = String(v).trim();
  if (/^\d+(\.\d+)?$/.test(s)) return Math.round(Number(s) * 1000);
  const at = Date.parse(s);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

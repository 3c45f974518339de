/**
 * Live order executor on the real `ClobClient` of @polymarket/clob-client-v2.
 *
 * - L1: `createOrDeriveApiKey` with the ethers-v6 adapter signer (EIP-712 ClobAuth), see clobClient.
 * - Orders: signed first (signIntent), so the venue order id — the EIP-712 hash — is known and
 *   kept per intent BEFORE posting; then `postOrder`. A retry re-posts the same signed order, same salt.
 * - Errors as the venue behaves: 425 → exponential backoff; 429 → wait Retry-After;
 *   403 geoblock → GeoblockedError, halt, no retry; timeout/network/5xx → reconcile through
 *   GET /data/orders and GET /data/trades before any re-post.
 */
import { AssetType, Chain, type ApiKeyCreds, type ClobClient, type OpenOrder, type OrderResponse, type SignedOrder, type Trade } from "@polymarket/clob-client-v2";
import { applyTrades } from "./applyTrades.ts";
import { installAxiosHooks, type AxiosHooks } from "./axiosHooks.ts";
import { deriveApiKey, l2Client } from "./clobClient.ts";
import { DoubtfulOrders } from "./DoubtfulOrders.ts";
import { classifyError, GeoblockedError, VenueError, type ClassifiedError } from "./errors.ts";
import { isAccepted, tradesForOrder, type LiveEvent, type LiveIntent } from "./events.ts";
import { Heartbeat } from "./Heartbeat.ts";
import type { Balances, LiveExecutorOptions, PlaceResult } from "./liveExecutorTypes.ts";
import { baseUnits, fundsShortfall } from "./fundsShortfall.ts";
import { exchangeV2Domain, orderV2Hash, type SignedOrderV2Like } from "./orderHash.ts";
import { inPlay, newEntry, newLife, step, type IntentEntry } from "./orderLife.ts";
import { collectFills, reconcile, type VenueReads } from "./orderOutcome.ts";
import { PostOnlyWindow } from "./PostOnlyWindow.ts";
import { RateTier } from "./RateTier.ts";
import { getRateLimitTier } from "./rateTierRead.ts";
import { RetryPolicy } from "./RetryPolicy.ts";
import { signIntent, toTypeEnum } from "./signIntent.ts";
import { TrackedOrders } from "./TrackedOrders.ts";
import { venueCall, type VenueCall } from "./venueCall.ts";

export type { Balances, LiveExecutorOptions, PlaceResult } from "./liveExecutorTypes.ts";
export { parseRetryAfter } from "./RetryPolicy.ts";

interface CancelResponse {
  canceled?: string[];
  not_canceled?: Record<string, string>;
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class LiveExecutor {
  readonly host: string;
  readonly chainId: number;
  private readonly opts: LiveExecutorOptions;
  private client: ClobClient | undefined;
  private creds: ApiKeyCreds | undefined;
  private readonly orders: TrackedOrders;
  private readonly doubtful: DoubtfulOrders;
  private halted: GeoblockedError | undefined;
  private readonly postOnly: PostOnlyWindow;
  private readonly retry: RetryPolicy;
  /** Idempotent venue calls (reads, signing, cancels), retried per `retry`. */
  private readonly call: VenueCall;
  private readonly venue: VenueReads;
  private readonly heartbeat: Heartbeat;
  private readonly axiosHooks: AxiosHooks;
  /** The signer's rate tier as the venue reports it: GET /v1/user/rate-limit-tier, and the header on its responses. */
  readonly rateTier: RateTier;

  constructor(opts: LiveExecutorOptions) {
    this.opts = opts;
    this.host = opts.host.replace(/\/$/, "");
    this.chainId = opts.chainId ?? Chain.POLYGON;
    this.creds = opts.creds;
    this.orders = new TrackedOrders((e) => this.opts.onEvent?.(e));
    this.postOnly = new PostOnlyWindow(opts);
    this.retry = new RetryPolicy(opts, opts.sleep ?? defaultSleep);
    this.call = venueCall({ policy: this.retry, halted: () => this.halted, halt: (at) => this.halt(at), notReady: () => this.postOnly.noteRestart() });
    this.venue = { call: this.call, client: () => this.c };
    this.doubtful = new DoubtfulOrders(this.orders, this.venue);
    this.heartbeat = new Heartbeat({ post: (id) => this.c.postHeartbeat(id), onGeoblocked: (at) => this.halt(at), log: (m, f) => this.log(m, f) });
    this.rateTier = new RateTier({
      read: () => this.call("GET /v1/user/rate-limit-tier", () => getRateLimitTier(this.host, opts.signer, this.l2Creds)),
      now: opts.now ?? Date.now,
      refreshMs: opts.tierRefreshMs ?? 3 * 3_600_000,
      retryMs: opts.tierRetryMs ?? 300_000,
      fatal: (e) => e instanceof GeoblockedError,
      log: (m, f) => this.log(m, f),
    });
    this.axiosHooks = installAxiosHooks(this.host, opts.httpTimeoutMs ?? 10_000, {
      onRetryAfter: (ms) => this.retry.noteRetryAfter(ms),
      onRateHeaders: (h) => this.rateTier.heard(h),
    });
  }

  /** Derive (or create) the API key if none was given, then build the L2 client. */
  async init(): Promise<{ apiKey: string; address: string }> {
    this.creds ??= await deriveApiKey(this.host, this.chainId, this.opts.signer);
    this.client = l2Client(this.host, this.chainId, this.opts, this.creds);
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

  private get l2Creds(): ApiKeyCreds {
    if (!this.creds) throw new Error("LiveExecutor.init() has not been called");
    return this.creds;
  }

  private log(msg: string, fields?: Record<string, unknown>): void {
    this.opts.log?.(msg, fields);
  }

  /** Geoblocked: trading stops for good (heartbeats too); the first halt's error is the one thrown. */
  private halt(endpoint: string): GeoblockedError {
    this.halted ??= new GeoblockedError(endpoint);
    this.heartbeat.stop();
    return this.halted;
  }

  async refreshBalances(): Promise<Balances> {
    const raw = await this.call("GET /balance-allowance", () => this.c.getBalanceAllowance({ asset_type: AssetType.COLLATERAL }));
    // The venue reports collateral in base units of the 6-decimal token, i.e. already micro-USD.
    return { collateral: baseUnits(raw?.balance), raw };
  }

  /** Balance and allowance, fresh before each order: why it cannot be paid for, or undefined. */
  private async fundsShortfall(intent: LiveIntent, negRisk: boolean): Promise<string | undefined> {
    const spender = exchangeV2Domain(this.chainId, negRisk).verifyingContract;
    await this.syncBalance(intent);
    if (intent.side === "BUY") {
      const { collateral, raw } = await this.refreshBalances();
      return fundsShortfall(intent, { collateral, allowances: raw.allowances ?? {} }, spender);
    }
    const raw = await this.call("GET /balance-allowance", () => this.c.getBalanceAllowance({ asset_type: AssetType.CONDITIONAL, token_id: intent.tokenId }));
    return fundsShortfall(intent, { collateral: 0, shares: baseUnits(raw?.balance) }, spender);
  }

  /**
   * Ask the venue to refresh its cached balance and allowance first (COLLATERAL before a BUY, the
   * token before a SELL): its cache lags fills and deposits, the known cause of "not enough balance
   * / allowance" right after a fill. Best effort: a failure is logged and the read goes ahead; a
   * geoblock still halts.
   */
  private async syncBalance(intent: LiveIntent): Promise<void> {
    const params = intent.side === "BUY" ? { asset_type: AssetType.COLLATERAL } : { asset_type: AssetType.CONDITIONAL, token_id: intent.tokenId };
    try {
      await this.call("GET /balance-allowance/update", () => this.c.updateBalanceAllowance(params));
    } catch (e) {
      if (e instanceof GeoblockedError) throw e;
      this.log("balance refresh failed; reading the venue's cached balance", { error: e instanceof Error ? e.message : String(e) });
    }
  }

  // ---------------------------------------------------------------- orders

  async place(intent: LiveIntent): Promise<PlaceResult> {
    if (this.halted) throw this.halted;
    const existing = this.orders.get(intent.intentId);
    if (existing) return this.resume(existing);

    const out: LiveEvent[] = [];
    const refuse = (reason: string, orderId?: string): PlaceResult => {
      this.orders.emit(undefined, { type: "reject", intentId: intent.intentId, reason }, out);
      return { intentId: intent.intentId, ...(orderId !== undefined ? { orderId } : {}), events: out, reconciled: false, postAttempts: 0 };
    };
    if (!Number.isSafeInteger(intent.price) || intent.price <= 0 || intent.price >= 1_000_000) return refuse(`invalid price ${intent.price}`);
    if (!Number.isSafeInteger(intent.size) || intent.size <= 0) return refuse(`invalid size ${intent.size}`);
    const window = this.postOnly.refusal(intent);
    if (window) return refuse(window);
    const negRisk = intent.negRisk ?? (await this.call("GET /neg-risk", () => this.c.getNegRisk(intent.tokenId)));
    if (this.opts.refreshBalanceBeforeOrder ?? true) {
      const short = await this.fundsShortfall(intent, negRisk);
      if (short) return refuse(short);
    }

    const tickSize = intent.tickSize ?? (await this.call("GET /tick-size", () => this.c.getTickSize(intent.tokenId)));
    let signed: SignedOrder;
    try {
      signed = await signIntent(() => this.c, intent, { tickSize, negRisk }, this.call);
    } catch (e) {
      if (e instanceof GeoblockedError) throw e;
      return refuse(e instanceof Error ? e.message : String(e));
    }

    const orderId = orderV2Hash(signed as unknown as SignedOrderV2Like, this.chainId, negRisk);
    try {
      this.opts.beforePost?.(intent.intentId, orderId);
    } catch (e) {
      return refuse(`not posted: ${e instanceof Error ? e.message : String(e)}`, orderId);
    }
    const entry = newEntry(intent, orderId, newLife(intent.size), signed);
    this.orders.add(entry);
    return this.postEntry(entry, out);
  }

  private result(entry: IntentEntry, events: LiveEvent[], reconciled: boolean, unresolved = false): PlaceResult {
    const { intentId } = entry.intent;
    return { intentId, orderId: entry.orderId, events, reconciled, postAttempts: entry.postAttempts, ...(unresolved ? { unresolved } : {}) };
  }

  /** A place() for an intent we already know: never sign or post anew without reconciling first. */
  private async resume(entry: IntentEntry): Promise<PlaceResult> {
    const out: LiveEvent[] = [];
    if (entry.life.matches("unknown") || entry.life.matches("new")) {
      const found = await reconcile(this.venue, entry, this.orders.sink(entry, out), !this.doubtful.has(entry.intent.intentId));
      if (found) this.doubtful.settle(entry.intent.intentId);
      if (found) return this.result(entry, out, true);
      // Timed out before and still not found: it may yet be booked, so it is not sent again.
      if (this.doubtful.has(entry.intent.intentId)) return this.result(entry, out, true, true);
      return this.postEntry(entry, out);
    }
    return this.result(entry, [...entry.events], false);
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
        res = await this.c.postOrder(entry.signed, orderType as never, (entry.intent.postOnly ?? false) || this.postOnly.active());
      } catch (e) {
        err = classifyError(e);
      }
      if (!err) {
        if (isAccepted(res)) {
          step(entry, { type: "ACK" });
          this.orders.emit(entry, { type: "ack", intentId: entry.intent.intentId, orderId: entry.orderId, venueStatus: String(res.status ?? "") }, out);
          await collectFills(this.venue, entry, res, this.orders.sink(entry, out));
          return this.result(entry, out, reconciled);
        }
        err = { kind: "rejected", status: undefined, message: String((res as OrderResponse | undefined)?.errorMsg || "order not accepted") };
      }
      switch (err.kind) {
        case "not_ready": {
          step(entry, { type: "REFUSED" });
          this.postOnly.noteRestart();
          if (++notReady > this.retry.maxNotReady) return this.giveUp(entry, out, err, reconciled);
          await this.retry.backoff(notReady);
          const window = this.postOnly.refusal(entry.intent);
          if (window) return this.giveUp(entry, out, { kind: "rejected", status: undefined, message: window }, reconciled);
          continue;
        }
        case "rate_limited": {
          step(entry, { type: "REFUSED" });
          if (++limited > this.retry.maxRateLimited) return this.giveUp(entry, out, err, reconciled);
          await this.retry.rateLimitWait(limited);
          continue;
        }
        case "geoblocked":
          throw this.halt("POST /order");
        case "unknown_outcome": {
          step(entry, { type: "TIMEOUT" });
          this.log("order post outcome unknown; reconciling", { intentId: entry.intent.intentId, orderId: entry.orderId, error: err.message });
          const mayResend = ++unknown <= (this.opts.maxUnknownOutcomeRetries ?? 2);
          // Not found and resendable: the machine goes back to new, and the same signed order goes again. Otherwise it stays unknown.
          const found = await reconcile(this.venue, entry, this.orders.sink(entry, out), mayResend);
          reconciled = true;
          if (found) return this.result(entry, out, reconciled);
          if (!mayResend) {
            // Not sent again: a request stuck in the venue's queue may still be booked. recheckDoubtful() looks again later.
            this.doubtful.add(entry.intent.intentId);
            this.log("order outcome still unknown; not re-sent, rechecking later", { intentId: entry.intent.intentId, orderId: entry.orderId, attempts: unknown });
            return this.result(entry, out, reconciled, true);
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
    this.orders.emit(entry, { type: "reject", intentId: entry.intent.intentId, reason: err.message, ...(err.status !== undefined ? { status: err.status } : {}) }, out);
    return this.result(entry, out, reconciled);
  }

  /** Poll /data/trades for every posted intent on a token set; emits new fills and FAILED reversals. */
  async pollTrades(): Promise<LiveEvent[]> {
    const out: LiveEvent[] = [];
    const tokens = new Set([...this.orders.values()].filter(inPlay).map((e) => e.intent.tokenId));
    for (const token of tokens) {
      const trades = await this.call("GET /data/trades", () => this.c.getTrades({ asset_id: token }));
      for (const e of this.orders.values()) if (e.intent.tokenId === token && inPlay(e)) applyTrades(e, tradesForOrder(trades, e.orderId), this.orders.sink(e, out));
    }
    return out;
  }

  /** Trades (WS or REST, same shape) from elsewhere, e.g. the user channel: new fills and reversals of tracked orders. */
  ingestTrades(trades: readonly Trade[]): LiveEvent[] {
    return this.orders.ingest(trades);
  }

  /**
   * Track an order found at the venue on start-up (placed before a restart): its later fills are
   * reported like any other's. `knownFills` are trade ids the ledger already booked, with sizes.
   */
  adopt(intent: LiveIntent, orderId: string, knownFills: ReadonlyMap<string, number> = new Map()): void {
    this.orders.adopt(intent, orderId, knownFills);
  }

  /** Every open order of ours at the venue (all pages). */
  async openOrders(): Promise<OpenOrder[]> {
    return this.call("GET /data/orders", () => this.c.getOpenOrders());
  }

  /** Our trades in one token, as the venue reports them. */
  async tradesOf(tokenId: string): Promise<Trade[]> {
    return this.call("GET /data/trades", () => this.c.getTrades({ asset_id: tokenId }));
  }

  /**
   * Look again for orders whose post timed out and that the venue did not show (a request can sit
   * in its queue): found ones report their ack and fills; after `maxChecks` misses an order is given
   * up (the order machine's ABANDON) and reported rejected. Never re-sends.
   */
  async recheckDoubtful(maxChecks = 3): Promise<LiveEvent[]> {
    return this.doubtful.recheck(maxChecks);
  }

  /** How many timed-out orders are still being looked for. */
  get doubtfulCount(): number {
    return this.doubtful.size;
  }

  /** Where an intent's order is in its lifecycle (an orderMachine state), if we know the intent. */
  orderState(intentId: string): string | undefined {
    const e = this.orders.get(intentId);
    return e && String(e.life.value);
  }

  /** The order id (EIP-712 hash) posted for an intent, if any. */
  orderIdFor(intentId: string): string | undefined {
    return this.orders.get(intentId)?.orderId;
  }

  // ---------------------------------------------------------------- cancels

  async cancel(orderId: string): Promise<LiveEvent[]> {
    const res = (await this.call("DELETE /order", () => this.c.cancelOrder({ orderID: orderId }), true)) as CancelResponse;
    return this.cancelEvents(res, "cancelled by us");
  }

  /** DELETE /cancel-all: for shutdown. */
  async cancelAll(): Promise<LiveEvent[]> {
    const res = (await this.call("DELETE /cancel-all", () => this.c.cancelAll(), true)) as CancelResponse;
    return this.cancelEvents(res, "cancel-all");
  }

  private cancelEvents(res: CancelResponse, reason: string): LiveEvent[] {
    return (res?.canceled ?? []).flatMap((id) => this.venueCancelled(id, reason));
  }

  /**
   * The venue cancelled an order (our cancel's answer, or the user channel's CANCELLATION): one
   * cancel event per order, however many times it is reported.
   */
  venueCancelled(orderId: string, reason: string): LiveEvent[] {
    return this.orders.cancelled(orderId, reason);
  }

  /** The credentials the user channel's subscription frame carries; undefined before init(). Never log them. */
  userChannelCreds(): ApiKeyCreds | undefined {
    return this.creds && { ...this.creds };
  }

  // ---------------------------------------------------------------- heartbeat

  /** POST /v1/heartbeats every interval; the venue cancels our orders if heartbeats stop (~10 s). */
  startHeartbeat(intervalMs = this.opts.heartbeatIntervalMs ?? 5000): void {
    this.heartbeat.start(intervalMs);
  }

  stopHeartbeat(): void {
    this.heartbeat.stop();
  }

  /** Stop heartbeats and remove this executor's axios hooks. Does not cancel orders (call cancelAll first). */
  close(): void {
    this.stopHeartbeat();
    this.axiosHooks.eject();
  }
}

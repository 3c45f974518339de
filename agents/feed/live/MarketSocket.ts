import { fetchBook } from "./fetchBook.ts";
import { type FetchJsonOptions, type LastTradePriceEvent, type MarketChannelEvent, type MarketResolvedEvent, parseMarketFrame, ReconnectingSocket, type FrameKind, type SocketStatus } from "../../../floor/adapters/polymarket/index.ts";
import { applyMarketEvent } from "./applyMarketEvent.ts";
import { OrderBook } from "./OrderBook.ts";

export interface MarketSocketOptions {
  url?: string;
  /** CLOB REST base for re-seeding books (`GET /book`). */
  restUrl?: string;
  pingMs?: number;
  staleMs?: number;
  backoff?: { minMs: number; maxMs: number };
  depth?: number;
  rest?: FetchJsonOptions;
  onBook?(book: OrderBook): void;
  onTrade?(trade: LastTradePriceEvent): void;
  /** `market_resolved` is broadcast for every market: the receiver filters. */
  onResolved?(event: MarketResolvedEvent): void;
  onHealth?(status: SocketStatus, detail: string): void;
}

export interface MarketSocketCounters {
  frames: number;
  pongs: number;
  events: number;
  malformed: number;
  unknown: number;
  duplicates: number;
  staleUpdates: number;
  reconnects: number;
  staleEvents: number;
  reseeds: number;
  reseedErrors: number;
}

export const MARKET_WS_URL = "wss://ws-subscriptions-clob.polymarket.com/ws/market";
export const CLOB_REST_URL = "https://clob.polymarket.com";

/**
 * The CLOB market channel for a set of tokens: one OrderBook per token kept from `book` and
 * `price_change`, trade prints and resolutions passed on. A silent freeze (PONGs but no data)
 * re-seeds the books from REST `/book` and reconnects; every (re)connect resubscribes.
 */
export class MarketSocket {
  private readonly c = { pongs: 0, events: 0, malformed: 0, unknown: 0, duplicates: 0, staleUpdates: 0, reseeds: 0, reseedErrors: 0 };
  private readonly books = new Map<string, OrderBook>();
  private readonly socket: ReconnectingSocket;
  private initialSent = false;
  private readonly abort = new AbortController();

  constructor(private readonly opts: MarketSocketOptions = {}) {
    this.socket = new ReconnectingSocket({
      url: opts.url ?? MARKET_WS_URL,
      pingMs: opts.pingMs ?? 10_000,
      staleMs: opts.staleMs ?? 30_000,
      backoff: opts.backoff ?? { minMs: 500, maxMs: 30_000 },
      expectsData: () => this.books.size > 0,
      onOpen: (send) => {
        this.initialSent = this.books.size > 0;
        if (this.initialSent) send(JSON.stringify({ assets_ids: this.assets(), type: "market", custom_feature_enabled: true }));
      },
      onText: (text) => this.onText(text),
      onBinary: () => void this.c.malformed++,
      onStale: () => void this.reseed(),
      onStatus: (s, detail) => opts.onHealth?.(s, detail),
    });
  }

  /** Frames (text and binary), PONGs, events, malformed and unknown items, dropped resends, stale updates, reconnects, REST re-seeds. */
  get counters(): MarketSocketCounters {
    const { frames, reconnects, stale } = this.socket.counters;
    return { ...this.c, frames, reconnects, staleEvents: stale };
  }

  get status(): SocketStatus {
    return this.socket.status;
  }

  start(): void {
    this.socket.start();
  }

  assets(): string[] {
    return [...this.books.keys()];
  }

  book(assetId: string): OrderBook | undefined {
    return this.books.get(assetId);
  }

  /** Follow exactly these tokens: new ones are subscribed, dropped ones unsubscribed. */
  setAssets(ids: readonly string[]): void {
    const want = new Set(ids);
    const added = [...want].filter((id) => !this.books.has(id));
    const removed = this.assets().filter((id) => !want.has(id));
    for (const id of removed) this.books.delete(id);
    for (const id of added) this.books.set(id, new OrderBook(id, { depth: this.opts.depth ?? 50 }));
    if (!this.socket.connected) return; // the next open subscribes to all of them
    if (!this.initialSent) {
      if (this.books.size === 0) return;
      this.initialSent = true;
      this.socket.send(JSON.stringify({ assets_ids: this.assets(), type: "market", custom_feature_enabled: true }));
      return;
    }
    if (added.length) this.socket.send(JSON.stringify({ operation: "subscribe", assets_ids: added, custom_feature_enabled: true }));
    if (removed.length) this.socket.send(JSON.stringify({ operation: "unsubscribe", assets_ids: removed }));
  }

  /** Re-seed every book from REST `/book` (what the watchdog does on a freeze). */
  async reseed(): Promise<void> {
    const base = this.opts.restUrl ?? CLOB_REST_URL;
    await Promise.all(
      this.assets().map(async (id) => {
        try {
          const seed = await fetchBook(base, id, { ...this.opts.rest, signal: this.abort.signal });
          const book = this.books.get(id);
          if (!book) return;
          this.c.reseeds++;
          if (book.applySnapshot(seed) === "applied") this.opts.onBook?.(book);
        } catch {
          if (!this.abort.signal.aborted) this.c.reseedErrors++;
        }
      }),
    );
  }

  async close(): Promise<void> {
    this.abort.abort();
    await this.socket.close();
  }

  private onText(text: string): FrameKind {
    const parsed = parseMarketFrame(text);
    if ("pong" in parsed) {
      this.c.pongs++;
      return "keepalive";
    }
    let data = false;
    for (const item of parsed.items) {
      if ("malformed" in item) this.c.malformed++;
      else if ("unknown" in item) this.c.unknown++;
      else {
        this.c.events++;
        data = true;
        this.apply(item.event);
      }
    }
    return data ? "data" : "junk";
  }

  private apply(e: MarketChannelEvent): void {
    const out = applyMarketEvent(this.books, e);
    this.c.duplicates += out.duplicates;
    this.c.staleUpdates += out.stale;
    for (const book of out.books) this.opts.onBook?.(book);
    if (out.trade) this.opts.onTrade?.(out.trade);
    if (out.resolved) this.opts.onResolved?.(out.resolved);
  }
}

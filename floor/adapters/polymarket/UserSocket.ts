import type { ApiKeyCreds, Trade } from "@polymarket/clob-client-v2";
import type { BackoffOptions } from "./backoff.ts";
import { ReconnectingSocket, type FrameKind } from "./ReconnectingSocket.ts";
import { parseUserFrame, tradeFromUserEvent, type UserFrameItem, type UserOrderEvent, type UserTradeEvent } from "./userMessages.ts";

export const USER_WS_URL = "wss://ws-subscriptions-clob.polymarket.com/ws/user";

export interface UserSocketOptions {
  url?: string;
  /** L2 credentials (clob-client-v2 `ApiKeyCreds`). They go only into the subscription frame. */
  creds: ApiKeyCreds;
  /** Condition ids (0x…), not token ids: the user channel subscribes by market. */
  conditionIds?: readonly string[];
  pingMs?: number;
  /** Subscribed but nothing (not even a PONG) for this long → reconnect. Default 3 × pingMs; 0 disables. */
  staleMs?: number;
  backoff?: BackoffOptions;
  /** A trade in the REST `Trade` shape, and the event it came from. */
  onTrade?(trade: Trade, event: UserTradeEvent): void;
  onOrder?(order: UserOrderEvent): void;
  onMalformed?(reason: string, sample: string): void;
  /** true once the server has answered after our subscription (credentials accepted); false when that connection is gone. */
  onStatus?(connected: boolean, detail: string): void;
  /** A server complaint (e.g. refused credentials) or a callback that threw. */
  onError?(reason: string): void;
}

export type UserSocketCounters = Record<"frames" | "reconnects" | "subscriptions" | "pongs" | "orders" | "trades" | "malformed" | "unknown" | "serverErrors" | "callbackErrors", number>;

/**
 * The CLOB user channel: our order and trade events for a set of markets. Reconnects with capped
 * backoff and subscribes again on every connection; a PING follows each subscription so its PONG
 * confirms the server took it. Frames are zod-checked; bad ones are counted, never thrown.
 */
export class UserSocket {
  private readonly c = { subscriptions: 0, pongs: 0, orders: 0, trades: 0, malformed: 0, unknown: 0, serverErrors: 0, callbackErrors: 0 };
  readonly #creds: ApiKeyCreds; // a #field: kept out of JSON.stringify and util.inspect
  private markets: string[];
  private subscribed = false;
  private up = false;
  private readonly opts: Omit<UserSocketOptions, "creds">;
  private readonly socket: ReconnectingSocket;

  constructor({ creds, ...opts }: UserSocketOptions) {
    this.#creds = { key: creds.key, secret: creds.secret, passphrase: creds.passphrase };
    this.opts = opts;
    this.markets = [...new Set(opts.conditionIds ?? [])];
    const pingMs = opts.pingMs ?? 10_000;
    this.socket = new ReconnectingSocket({
      url: opts.url ?? USER_WS_URL,
      pingMs,
      staleMs: opts.staleMs ?? 3 * pingMs,
      backoff: opts.backoff ?? { minMs: 500, maxMs: 30_000 },
      expectsData: () => this.subscribed,
      onOpen: (send) => {
        this.subscribed = false;
        this.subscribe(send);
      },
      onText: (text) => this.onText(text),
      onBinary: () => void this.c.malformed++,
      onStatus: (s, detail) => this.setUp(s === "ok", detail),
    });
  }

  get counters(): UserSocketCounters {
    const { frames, reconnects } = this.socket.counters;
    return { ...this.c, frames, reconnects };
  }

  /** Subscribed and confirmed by the server on the current connection. */
  get connected(): boolean {
    return this.up;
  }

  get apiKey(): string {
    return this.#creds.key;
  }

  conditionIds(): string[] {
    return [...this.markets];
  }

  start(): void {
    this.socket.start();
  }

  /** Follow exactly these markets; a changed set is subscribed again on the open socket. False when unchanged. */
  setMarkets(ids: readonly string[]): boolean {
    const next = [...new Set(ids)];
    if (next.length === this.markets.length && next.every((id) => this.markets.includes(id))) return false;
    this.markets = next;
    if (!this.socket.connected) return true; // the next open subscribes
    // An empty list may mean "every market" to the venue: drop the connection instead.
    if (next.length === 0) this.socket.reconnect("no markets");
    else this.subscribe((text) => void this.socket.send(text));
    return true;
  }

  /** Resolves once the socket is closed and no timers remain. */
  async close(): Promise<void> {
    await this.socket.close();
  }

  private subscribe(send: (text: string) => void): void {
    if (this.markets.length === 0) return;
    const { key, secret, passphrase } = this.#creds;
    send(JSON.stringify({ auth: { apiKey: key, secret, passphrase }, markets: this.markets, type: "user" }));
    send("PING"); // its PONG confirms the subscription was read (a refused one is closed first)
    this.subscribed = true;
    this.c.subscriptions++;
  }

  private setUp(up: boolean, detail: string): void {
    if (up === this.up) return;
    this.up = up;
    this.call(() => this.opts.onStatus?.(up, detail));
  }

  private onText(text: string): FrameKind {
    const parsed = parseUserFrame(text);
    if ("pong" in parsed) {
      this.c.pongs++;
      return this.subscribed ? "data" : "keepalive";
    }
    let data = false;
    for (const item of parsed.items) data = this.item(item, text) || data;
    return data ? "data" : "junk";
  }

  /** Handles one item; true when it was an event. */
  private item(item: UserFrameItem, text: string): boolean {
    if ("order" in item) {
      this.c.orders++;
      this.call(() => this.opts.onOrder?.(item.order));
    } else if ("trade" in item) {
      this.c.trades++;
      this.call(() => this.opts.onTrade?.(tradeFromUserEvent(item.trade, this.#creds.key), item.trade));
    } else if ("error" in item) {
      this.c.serverErrors++;
      this.call(() => this.opts.onError?.(this.redact(item.error)));
    } else if ("unknown" in item) {
      this.c.unknown++;
    } else {
      this.c.malformed++;
      this.call(() => this.opts.onMalformed?.(item.malformed, this.redact(text.slice(0, 200))));
    }
    return "order" in item || "trade" in item;
  }

  /** Callbacks run inside the socket's message handler: a throw must not escape it. */
  private call(fn: () => void): void {
    try {
      fn();
    } catch (e) {
      this.c.callbackErrors++;
      try {
        this.opts.onError?.(this.redact(`callback threw: ${e instanceof Error ? e.message : String(e)}`));
      } catch {
        // onError itself threw: already counted
      }
    }
  }

  /** Server text that echoes our subscription must not carry the secret into logs. */
  private redact(s: string): string {
    const { secret, passphrase } = this.#creds;
    return [secret, passphrase].reduce((acc, v) => (v ? acc.split(v).join("***") : acc), s);
  }
}

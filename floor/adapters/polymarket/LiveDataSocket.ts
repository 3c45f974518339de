import type { ApiKeyCreds } from "@polymarket/clob-client-v2";
import type { BackoffOptions } from "./backoff.ts";
import { liveDataCloseVerdict } from "./liveDataClose.ts";
import { LIVE_DATA_CHANNELS } from "./liveDataSchemas.ts";
import { parseLiveDataFrame, type LiveDataPrices } from "./parseLiveDataFrame.ts";
import { ReconnectingSocket, type FrameKind, type SocketStatus } from "./ReconnectingSocket.ts";
import { SeqTracker } from "./SeqTracker.ts";

export const LIVE_DATA_URL = "wss://ws-live-v2.polymarket.com/ws";
/** The only TWAP window the socket carries data for, and the one Up/Down markets settle on. */
export const TWAP_WINDOW_SECONDS = 60;

export type LiveDataKind = "spot" | "twap";

export interface LiveDataSocketOptions {
  url?: string;
  /** CLOB L2 credentials (the user channel's). They go only into the auth frame. */
  creds: ApiKeyCreds;
  /** Lowercase symbol, "btcusd". */
  symbol?: string;
  /** The server pings every 25 s; none for twice this → reconnect. Tests shorten it. */
  serverPingMs?: number;
  staleMs?: number;
  backoff?: BackoffOptions;
  /** Upper bound of the random wait after a 4003 (server draining) close: 10 s per the docs. */
  drainMaxMs?: number;
  /** A new point (later than any seen on that channel), oldest first; snapshots included. */
  onPrice?(kind: LiveDataKind, priceUsd: number, tsMs: number): void;
  /** A seq jump or a `dropped` count on a channel: data the floor did not get. */
  onGap?(detail: string): void;
  /** The first frame in sequence after a gap. */
  onResync?(): void;
  onStatus?(status: SocketStatus, detail: string): void;
  /** Given up for good (credentials refused, a policy breach): it will not reconnect. */
  onFatal?(detail: string): void;
}

export type LiveDataCounters = Record<"frames" | "reconnects" | "auths" | "subscriptions" | "spot" | "twap" | "gaps" | "malformed" | "ignored" | "serverErrors", number>;

/**
 * PolyBolt, Polymarket's live-data socket: authenticates with CLOB API credentials on every
 * connection, then subscribes to `price.crypto` (spot; Pyth) and `price.crypto.twap` with
 * `window_seconds: 60` (the Chainlink TWAP Up/Down markets settle on). Tracks each channel's
 * `seq` and `dropped` and reports gaps; acts on the close codes (no retry after 4001 or 4008).
 */
export class LiveDataSocket {
  private readonly c = { auths: 0, subscriptions: 0, spot: 0, twap: 0, gaps: 0, malformed: 0, ignored: 0, serverErrors: 0 };
  readonly #creds: ApiKeyCreds; // a #field: kept out of JSON.stringify and util.inspect
  private readonly socket: ReconnectingSocket;
  private readonly seq = new SeqTracker();
  private readonly lastTs: Record<LiveDataKind, number> = { spot: 0, twap: 0 };
  private readonly symbol: string;
  private subscribed = false;
  private gapOpen = false;
  private fatal: string | undefined;

  constructor(private readonly opts: LiveDataSocketOptions) {
    this.#creds = { key: opts.creds.key, secret: opts.creds.secret, passphrase: opts.creds.passphrase };
    this.symbol = (opts.symbol ?? "btcusd").toLowerCase();
    this.socket = new ReconnectingSocket({
      url: opts.url ?? LIVE_DATA_URL,
      pingMs: 0, // nothing to send: the server pings, ws answers
      serverPingMs: opts.serverPingMs ?? 25_000,
      staleMs: opts.staleMs ?? 15_000,
      backoff: opts.backoff ?? { minMs: 1000, maxMs: 30_000 },
      expectsData: () => this.subscribed,
      onOpen: (send) => {
        this.subscribed = this.gapOpen = false;
        this.seq.reset(); // numbers start over on every connection
        this.authenticate(send);
      },
      onText: (text) => this.onText(text),
      onBinary: () => void this.c.malformed++,
      onClose: (code, reason) => liveDataCloseVerdict(code, reason, opts.drainMaxMs ?? 10_000),
      onStatus: (s, detail) => (s === "closed" && !this.fatal && detail !== "closed" ? this.fail(detail) : opts.onStatus?.(s, detail)),
    });
  }

  get status(): SocketStatus {
    return this.socket.status;
  }

  /** Why it gave up, when it did. */
  get failed(): string | undefined {
    return this.fatal;
  }

  get counters(): LiveDataCounters {
    const { frames, reconnects } = this.socket.counters;
    return { ...this.c, frames, reconnects };
  }

  start(): void {
    this.socket.start();
  }

  async close(): Promise<void> {
    await this.socket.close();
  }

  private authenticate(send: (text: string) => void): void {
    this.c.auths++;
    const { key, secret, passphrase } = this.#creds;
    send(JSON.stringify({ op: "auth", rid: `a${this.c.auths}`, auth: { apiKey: key, secret, passphrase } }));
  }

  private subscribe(): void {
    this.c.subscriptions++;
    const subscriptions = [
      { channel: LIVE_DATA_CHANNELS.spot, filter: { symbol: this.symbol } },
      { channel: LIVE_DATA_CHANNELS.twap, filter: { symbol: this.symbol, window_seconds: TWAP_WINDOW_SECONDS } },
    ];
    this.subscribed = this.socket.send(JSON.stringify({ op: "subscribe", rid: `s${this.c.subscriptions}`, subscriptions }));
  }

  private onText(text: string): FrameKind {
    const f = parseLiveDataFrame(text);
    if ("ack" in f) {
      if (f.ack === "authed") this.subscribe();
      return "keepalive";
    }
    if ("error" in f) return this.serverError(f.error.code, f.error.channel), "junk";
    if ("ignored" in f) return void this.c.ignored++, "junk";
    if ("malformed" in f) return void this.c.malformed++, "junk";
    return this.prices(f.prices);
  }

  private prices(p: LiveDataPrices): FrameKind {
    const gap = this.seq.check(p.channel, p.seq, p.dropped);
    if (gap) {
      this.c.gaps++;
      this.gapOpen = true;
      this.opts.onGap?.(gap);
    } else if (this.gapOpen) {
      this.gapOpen = false;
      this.opts.onResync?.();
    }
    const kind: LiveDataKind = p.channel === LIVE_DATA_CHANNELS.twap ? "twap" : "spot";
    if (p.symbol !== this.symbol || (kind === "twap" && p.windowSeconds !== undefined && p.windowSeconds !== TWAP_WINDOW_SECONDS)) {
      this.c.ignored++;
      return "junk";
    }
    for (const pt of p.points) {
      if (pt.tsMs <= this.lastTs[kind]) continue; // a snapshot after a reconnect repeats what was seen
      this.lastTs[kind] = pt.tsMs;
      this.c[kind]++;
      this.opts.onPrice?.(kind, pt.priceUsd, pt.tsMs);
    }
    return "data";
  }

  /** Error acks leave the connection open; those that retrying cannot fix stop the socket. */
  private serverError(code: string, channel: string | undefined): void {
    this.c.serverErrors++;
    const on = channel ? ` on ${channel}` : "";
    if (code === "auth_invalid" || code === "auth_expired" || code === "auth_attempts") this.fail(`the CLOB API credentials were refused (${code}); not reconnecting`);
    else if (code === "auth_unavailable") this.socket.reconnect("authentication temporarily unavailable (auth_unavailable): retrying");
    else if (code === "auth_required") this.authenticate((t) => void this.socket.send(t)); // subscribed before authed: authenticate again
    else this.fail(`the server refused our request${on} (${code}): a client bug; not reconnecting`);
  }

  private fail(detail: string): void {
    if (this.fatal) return;
    this.fatal = detail;
    this.subscribed = false;
    this.opts.onFatal?.(detail);
    void this.socket.close();
  }
}

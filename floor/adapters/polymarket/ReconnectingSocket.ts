import WebSocket from "ws";
import { netErrorText } from "../../net/index.ts";
import { backoffDelay, type BackoffOptions } from "./backoff.ts";

/** What a frame was, as judged by the owner: data resets the staleness watchdog, keepalives do not. */
export type FrameKind = "data" | "keepalive" | "junk";
export type SocketStatus = "connecting" | "ok" | "stale" | "reconnecting" | "closed";
/** What the owner wants done after the server closed with a code: stop for good (and why), or retry (after `delayMs` rather than the backoff). */
export type CloseVerdict = { stop: string } | { delayMs?: number; detail: string } | undefined;

export interface ReconnectingSocketOptions {
  url: string;
  /** Send `pingText` every `pingMs` (an application-level text ping); 0 disables. */
  pingMs: number;
  pingText?: string;
  /** No data frame for this long while connected → stale: `onStale`, then reconnect. 0 disables. */
  staleMs: number;
  backoff: BackoffOptions;
  handshakeTimeoutMs?: number;
  /** Whether data is expected at all right now (e.g. something is subscribed); default always. */
  expectsData?: () => boolean;
  /** Called on every open: send the subscription here (subscriptions do not survive a reconnect). */
  onOpen(send: (text: string) => void): void;
  onText(text: string): FrameKind;
  /** A binary frame (the feeds speak text only). */
  onBinary?(): void;
  onStale?(): void;
  onStatus?(status: SocketStatus, detail: string): void;
  /** The server closed with this code: protocols with meaningful close codes decide here (default: retry with backoff). */
  onClose?(code: number, reason: string): CloseVerdict;
  /**
   * The server pings at the WebSocket level this often (ws answers with a pong by itself); no ping
   * for twice that while connected → reconnect. 0 or absent: not watched.
   */
  serverPingMs?: number;
}

/**
 * A WebSocket that stays up: text pings, a staleness watchdog that catches silent freezes
 * (the socket open and answering pings, but no data), and reconnects with capped backoff.
 * `close()` stops it and leaves no timers behind.
 */
export class ReconnectingSocket {
  readonly counters = { frames: 0, opens: 0, reconnects: 0, stale: 0 };
  status: SocketStatus = "connecting";
  private ws: WebSocket | undefined;
  private attempt = 0;
  private lastDataAt = 0;
  private lastPingAt = 0;
  private pingTimer: NodeJS.Timeout | undefined;
  private watchTimer: NodeJS.Timeout | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private closing = false;
  private started = false;
  /** Why the last connection failed (connection refused, DNS, TLS, HTTP status), for the health report. */
  private lastError: string | undefined;

  constructor(private readonly opts: ReconnectingSocketOptions) {}

  get connected(): boolean {
    return this.ws?.readyState === WebSocket.OPEN;
  }

  start(): void {
    if (this.started || this.closing) return;
    this.started = true;
    this.connect();
    const every = Math.min(...[this.opts.staleMs, this.opts.serverPingMs ?? 0].filter((ms) => ms > 0));
    if (Number.isFinite(every)) this.watchTimer = setInterval(() => this.watch(), Math.max(10, Math.floor(every / 4)));
  }

  /** Send a text frame when connected; false otherwise. */
  send(text: string): boolean {
    if (!this.connected) return false;
    this.ws!.send(text);
    return true;
  }

  /** Drop the connection (if any) and connect again after the backoff delay. */
  reconnect(reason: string): void {
    if (this.closing) return;
    this.setStatus("reconnecting", reason);
    if (this.ws) this.ws.terminate(); // its close event schedules the retry
    else this.scheduleRetry();
  }

  async close(): Promise<void> {
    this.closing = true;
    for (const t of [this.pingTimer, this.retryTimer]) clearTimeout(t);
    clearInterval(this.watchTimer);
    clearInterval(this.pingTimer);
    const ws = this.ws;
    this.ws = undefined;
    if (ws && ws.readyState !== WebSocket.CLOSED) {
      await new Promise<void>((resolve) => {
        ws.once("close", () => resolve());
        ws.terminate();
      });
    }
    this.setStatus("closed", "closed");
  }

  private connect(): void {
    this.retryTimer = undefined;
    if (this.closing) return;
    this.setStatus(this.counters.opens === 0 ? "connecting" : "reconnecting", `connecting to ${this.opts.url}`);
    const ws = new WebSocket(this.opts.url, { handshakeTimeout: this.opts.handshakeTimeoutMs ?? 10_000, maxPayload: 16 * 1024 * 1024 });
    this.ws = ws;
    ws.on("open", () => {
      this.counters.opens++;
      this.lastError = undefined;
      this.lastDataAt = this.lastPingAt = Date.now();
      if (this.opts.pingMs > 0) this.pingTimer = setInterval(() => this.send(this.opts.pingText ?? "PING"), this.opts.pingMs);
      this.opts.onOpen((text) => void this.send(text));
    });
    ws.on("message", (data, isBinary) => this.frame(data, isBinary));
    ws.on("ping", () => (this.lastPingAt = Date.now()));
    ws.on("error", (err) => (this.lastError = netErrorText(err))); // a close event always follows
    ws.on("close", (code, reason) => {
      clearInterval(this.pingTimer);
      this.pingTimer = undefined;
      if (this.ws !== ws) return;
      this.ws = undefined;
      if (this.closing) return;
      const verdict = this.opts.onClose?.(code, reason.toString("utf8").slice(0, 120));
      if (verdict && "stop" in verdict) return void this.stop(verdict.stop);
      const why = verdict?.detail ?? (this.lastError ? `${this.opts.url}: ${this.lastError}` : `connection closed${code !== 1005 && code !== 1006 ? ` (code ${code})` : ""}`);
      this.setStatus("reconnecting", why);
      this.lastError = undefined;
      this.scheduleRetry(verdict?.delayMs);
    });
  }

  private frame(data: WebSocket.RawData, isBinary: boolean): void {
    this.counters.frames++;
    if (isBinary) return this.opts.onBinary?.();
    const text = Array.isArray(data) ? Buffer.concat(data).toString("utf8") : Buffer.isBuffer(data) ? data.toString("utf8") : Buffer.from(data).toString("utf8");
    if (this.opts.onText(text) !== "data") return;
    this.lastDataAt = Date.now();
    this.attempt = 0;
    if (this.status !== "ok") this.setStatus("ok", "receiving data");
  }

  private watch(): void {
    if (!this.connected || this.status === "stale") return;
    const pingMs = this.opts.serverPingMs ?? 0;
    if (pingMs > 0 && Date.now() - this.lastPingAt > 2 * pingMs) return this.reconnect(`no server ping for ${2 * pingMs} ms`);
    if (this.opts.staleMs <= 0) return;
    if (!(this.opts.expectsData?.() ?? true)) {
      this.lastDataAt = Date.now(); // nothing expected: the clock starts when something is
      return;
    }
    if (Date.now() - this.lastDataAt <= this.opts.staleMs) return;
    this.counters.stale++;
    this.setStatus("stale", `no data for ${this.opts.staleMs} ms`);
    this.opts.onStale?.();
    this.reconnect("stale");
  }

  private scheduleRetry(delayMs?: number): void {
    if (this.closing || this.retryTimer) return;
    this.counters.reconnects++;
    const delay = delayMs ?? backoffDelay(this.attempt, this.opts.backoff);
    this.attempt++;
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }

  /** The owner said not to retry: closed for good, with its reason as the status detail. */
  private stop(reason: string): void {
    this.closing = true;
    clearTimeout(this.retryTimer);
    clearInterval(this.watchTimer);
    this.setStatus("closed", reason);
  }

  private setStatus(status: SocketStatus, detail: string): void {
    if (status === this.status) return;
    this.status = status;
    this.opts.onStatus?.(status, detail);
  }
}

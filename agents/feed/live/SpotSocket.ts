import { parseBinanceFrame, parseRtdsFrame, type SpotFrame } from "./parseSpotFrame.ts";
import { ReconnectingSocket, type FrameKind, type SocketStatus } from "../../../floor/adapters/polymarket/index.ts";

export const RTDS_URL = "wss://ws-live-data.polymarket.com";
export const BINANCE_BTC_TRADE_URL = "wss://stream.binance.com:9443/ws/btcusdt@trade";

export type SpotSource = "rtds" | "binance";

export interface SpotSocketOptions {
  url?: string;
  /** RTDS Chainlink symbol. */
  symbol?: string;
  /** A Binance trade stream used while RTDS is stale or down; none when omitted. */
  fallbackUrl?: string;
  pingMs?: number;
  staleMs?: number;
  backoff?: { minMs: number; maxMs: number };
  /** Each new price, in source-time order per source. */
  onTick?(priceUsd: number, tsMs: number, source: SpotSource): void;
  onHealth?(status: SocketStatus, detail: string, source: SpotSource): void;
}

export interface SpotSocketCounters {
  frames: number;
  pongs: number;
  ticks: number;
  fallbackTicks: number;
  malformed: number;
  ignored: number;
  reconnects: number;
  staleEvents: number;
}

/**
 * BTC/USD spot from Polymarket's RTDS Chainlink relay (the resolution source), with the first
 * message's history, a staleness watchdog and reconnects; optionally Binance trades while RTDS is not ok.
 */
export class SpotSocket {
  private readonly c = { pongs: 0, ticks: 0, fallbackTicks: 0, malformed: 0, ignored: 0, fallbackFrames: 0, fallbackReconnects: 0 };
  private readonly primary: ReconnectingSocket;
  private fallback: ReconnectingSocket | undefined;
  private readonly lastTs: Record<SpotSource, number> = { rtds: 0, binance: 0 };
  private closed = false;

  constructor(private readonly opts: SpotSocketOptions = {}) {
    const symbol = opts.symbol ?? "btc/usd";
    const subscribe = { action: "subscribe", subscriptions: [{ topic: "crypto_prices_chainlink", type: "*", filters: JSON.stringify({ symbol }) }] };
    this.primary = new ReconnectingSocket({
      url: opts.url ?? RTDS_URL,
      pingMs: opts.pingMs ?? 5000,
      staleMs: opts.staleMs ?? 15_000,
      backoff: opts.backoff ?? { minMs: 500, maxMs: 30_000 },
      onOpen: (send) => send(JSON.stringify(subscribe)),
      onText: (text) => this.frame(parseRtdsFrame(text, symbol), "rtds"),
      onBinary: () => void this.c.malformed++,
      onStatus: (s, detail) => {
        opts.onHealth?.(s, detail, "rtds");
        if (s === "ok") void this.stopFallback();
        else if (s === "stale" || s === "reconnecting") this.startFallback();
      },
    });
  }

  get status(): SocketStatus {
    return this.primary.status;
  }

  get counters(): SpotSocketCounters {
    const p = this.primary.counters;
    return { frames: p.frames + this.c.fallbackFrames, pongs: this.c.pongs, ticks: this.c.ticks, fallbackTicks: this.c.fallbackTicks, malformed: this.c.malformed, ignored: this.c.ignored, reconnects: p.reconnects + this.c.fallbackReconnects, staleEvents: p.stale };
  }

  /** True while the Binance fallback is connected or connecting. */
  get usingFallback(): boolean {
    return this.fallback !== undefined;
  }

  start(): void {
    this.primary.start();
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([this.primary.close(), this.stopFallback()]);
  }

  private frame(f: SpotFrame, source: SpotSource): FrameKind {
    if ("pong" in f) {
      this.c.pongs++;
      return "keepalive";
    }
    if ("malformed" in f) this.c.malformed++;
    if ("ignored" in f) this.c.ignored++;
    if (!("points" in f)) return "junk";
    for (const p of f.points) {
      if (p.tsMs <= this.lastTs[source]) continue;
      this.lastTs[source] = p.tsMs;
      if (source === "binance" && this.primary.status === "ok") continue;
      if (source === "rtds") this.c.ticks++;
      else this.c.fallbackTicks++;
      this.opts.onTick?.(p.priceUsd, p.tsMs, source);
    }
    return "data";
  }

  private startFallback(): void {
    if (this.closed || this.fallback || !this.opts.fallbackUrl) return;
    const fb = new ReconnectingSocket({
      url: this.opts.fallbackUrl,
      pingMs: 0, // Binance pings at the WebSocket level; ws answers by itself
      staleMs: this.opts.staleMs ?? 15_000,
      backoff: this.opts.backoff ?? { minMs: 500, maxMs: 30_000 },
      onOpen: () => {},
      onText: (text) => {
        this.c.fallbackFrames++;
        return this.frame(parseBinanceFrame(text), "binance");
      },
      onBinary: () => void this.c.malformed++,
      onStatus: (s, detail) => this.opts.onHealth?.(s, detail, "binance"),
    });
    this.fallback = fb;
    fb.start();
  }

  private async stopFallback(): Promise<void> {
    const fb = this.fallback;
    this.fallback = undefined;
    if (!fb) return;
    this.c.fallbackReconnects += fb.counters.reconnects;
    await fb.close();
  }
}

import type { ApiKeyCreds } from "@polymarket/clob-client-v2";
import { LiveDataSocket, type LiveDataSocketOptions, type SocketStatus } from "../../../floor/adapters/polymarket/index.ts";
import { LIVE_DATA_CRED_VARS, type LiveDataCredsResult } from "./liveDataCreds.ts";
import { SpotSocket, type SpotSocketOptions, type SpotSource } from "./SpotSocket.ts";

/** md.health sources: PolyBolt, and the RTDS fallback. */
export type ReferenceSource = "livedata" | "rtds";

export interface ReferenceFeedOptions {
  /** PolyBolt's settings, and its credentials (or how to get them, or why there are none: then RTDS). */
  liveData: Omit<LiveDataSocketOptions, "creds" | "onPrice" | "onGap" | "onResync" | "onStatus" | "onFatal">;
  creds: LiveDataCredsResult;
  rtds: Omit<SpotSocketOptions, "onTick" | "onHealth">;
  /** PolyBolt not ok for this long (connects failing, stale) → RTDS meanwhile; back to PolyBolt once it is ok. */
  failoverMs: number;
  onSpot(priceUsd: number, tsMs: number, source: SpotSource | "livedata"): void;
  /** A 60 s Chainlink TWAP point: the series TWAP-settled windows settle on. */
  onTwap(priceUsd: number, tsMs: number): void;
  onHealth(source: ReferenceSource, status: SocketStatus | "gap", detail: string): void;
  log(level: "info" | "warn" | "error", msg: string): void;
}

/**
 * Reference prices for the live feed. With CLOB credentials: PolyBolt (`price.crypto`, Pyth spot,
 * and `price.crypto.twap`, the Chainlink 60 s TWAP that settles). Without them, once PolyBolt
 * refused them, or while it has been down for `failoverMs`: the old RTDS socket's Chainlink spot,
 * while that socket lives. Says which is in use in every health detail and log line.
 */
export class ReferenceFeed {
  private live: LiveDataSocket | undefined;
  private rtds: SpotSocket | undefined;
  private failover: NodeJS.Timeout | undefined;
  private liveWasOk = false;
  private closed = false;

  constructor(private readonly o: ReferenceFeedOptions) {}

  /** Which socket the spot comes from now. */
  get using(): ReferenceSource {
    return this.live && !this.live.failed && !this.rtds ? "livedata" : "rtds";
  }

  /** True while the settling TWAP stream is the one in use (PolyBolt has delivered, and no fallback is up). */
  get hasTwap(): boolean {
    return this.using === "livedata" && this.liveWasOk;
  }

  counters(): { livedata: LiveDataSocket["counters"] | undefined; rtds: SpotSocket["counters"] | undefined } {
    return { livedata: this.live?.counters, rtds: this.rtds?.counters };
  }

  start(): void {
    const c = this.o.creds;
    if ("none" in c) return this.useRtds(c.none);
    if ("creds" in c) return this.startLive(c.creds);
    this.armFailover(); // deriving takes a venue call: RTDS meanwhile if it takes too long
    c.derive().then(
      (creds) => this.startLive(creds),
      (err: unknown) => this.useRtds(`could not derive the CLOB API key from ${c.from}: ${err instanceof Error ? err.message : String(err)}`.slice(0, 300)),
    );
  }

  private startLive(creds: ApiKeyCreds): void {
    if (this.closed) return;
    const url = this.o.liveData.url;
    this.live = new LiveDataSocket({
      ...this.o.liveData,
      creds,
      onPrice: (kind, p, ts) => (kind === "twap" ? this.o.onTwap(p, ts) : this.o.onSpot(p, ts, "livedata")),
      onGap: (detail) => this.o.onHealth("livedata", "gap", detail),
      onResync: () => this.o.onHealth("livedata", "ok", "in sequence again"),
      onStatus: (s, detail) => this.liveStatus(s, detail),
      onFatal: (detail) => {
        this.o.log("error", `PolyBolt ${url}: ${detail}. Check the CLOB API credentials (${Object.values(LIVE_DATA_CRED_VARS).join(", ")}); spot now from RTDS, and TWAP-settled windows fall back to Gamma's figures`);
        this.o.onHealth("livedata", "reconnecting", `given up: ${detail}`);
        this.useRtds(`PolyBolt gave up: ${detail}`);
      },
    });
    this.o.log("info", "reference prices from PolyBolt: spot price.crypto (Pyth), settlement price.crypto.twap 60 s (Chainlink)");
    this.live.start();
    this.armFailover();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.failover);
    const rtds = this.rtds;
    this.rtds = undefined;
    await Promise.all([this.live?.close(), rtds?.close()]);
  }

  private liveStatus(s: SocketStatus, detail: string): void {
    if (s === "ok") {
      this.liveWasOk = true;
      clearTimeout(this.failover);
      this.failover = undefined;
      if (this.rtds) void this.dropRtds();
      this.o.onHealth("livedata", s, `${detail}; spot from price.crypto (Pyth), settlement from price.crypto.twap 60 s (Chainlink)`);
      return;
    }
    if (s === "stale" || s === "reconnecting") this.armFailover();
    if (s !== "connecting" && s !== "closed") this.o.onHealth("livedata", s, detail);
  }

  private armFailover(): void {
    if (this.failover || this.rtds || this.closed) return;
    this.failover = setTimeout(() => {
      this.failover = undefined;
      this.useRtds(`PolyBolt not ok for ${this.o.failoverMs} ms`);
    }, this.o.failoverMs);
  }

  private useRtds(why: string): void {
    if (this.rtds || this.closed) return;
    this.o.log("warn", `reference prices from the RTDS fallback (${why}): Chainlink spot, no TWAP stream`);
    this.rtds = new SpotSocket({
      ...this.o.rtds,
      onTick: (p, ts, source) => this.o.onSpot(p, ts, source),
      onHealth: (s, detail, source) => source === "rtds" && s !== "connecting" && s !== "closed" && this.o.onHealth("rtds", s, `RTDS in use (${why}): ${detail}`),
    });
    this.rtds.start();
  }

  private async dropRtds(): Promise<void> {
    const rtds = this.rtds;
    this.rtds = undefined;
    this.o.log("info", "PolyBolt is back: RTDS fallback closed");
    await rtds?.close();
  }
}

import { LiveDataSocket, type LiveDataSocketOptions, type SocketStatus } from "../../../floor/adapters/polymarket/index.ts";
import { LIVE_DATA_CRED_VARS } from "./liveDataCreds.ts";
import { SpotSocket, type SpotSocketOptions, type SpotSource } from "./SpotSocket.ts";

/** md.health sources: PolyBolt, and the RTDS fallback. */
export type ReferenceSource = "livedata" | "rtds";

export interface ReferenceFeedOptions {
  /** PolyBolt, when there are credentials; why not otherwise (the fallback's detail). */
  liveData: Omit<LiveDataSocketOptions, "onPrice" | "onGap" | "onResync" | "onStatus" | "onFatal"> | { none: string };
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
  private readonly live: LiveDataSocket | undefined;
  private rtds: SpotSocket | undefined;
  private failover: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly o: ReferenceFeedOptions) {
    if ("none" in o.liveData) return;
    const url = o.liveData.url;
    this.live = new LiveDataSocket({
      ...o.liveData,
      onPrice: (kind, p, ts) => (kind === "twap" ? o.onTwap(p, ts) : o.onSpot(p, ts, "livedata")),
      onGap: (detail) => o.onHealth("livedata", "gap", detail),
      onResync: () => o.onHealth("livedata", "ok", "in sequence again"),
      onStatus: (s, detail) => this.liveStatus(s, detail),
      onFatal: (detail) => {
        o.log("error", `PolyBolt ${url}: ${detail}. Check the CLOB API credentials (${Object.values(LIVE_DATA_CRED_VARS).join(", ")}); spot now from RTDS, and TWAP-settled windows fall back to Gamma's figures`);
        o.onHealth("livedata", "reconnecting", `given up: ${detail}`);
        this.useRtds(`PolyBolt gave up: ${detail}`);
      },
    });
  }

  /** Which socket the spot comes from now. */
  get using(): ReferenceSource {
    return this.live && !this.live.failed && !this.rtds ? "livedata" : "rtds";
  }

  /** True while the settling TWAP stream is the one in use. */
  get hasTwap(): boolean {
    return this.using === "livedata";
  }

  counters(): { livedata: LiveDataSocket["counters"] | undefined; rtds: SpotSocket["counters"] | undefined } {
    return { livedata: this.live?.counters, rtds: this.rtds?.counters };
  }

  start(): void {
    if (!this.live) return this.useRtds("none" in this.o.liveData ? this.o.liveData.none : "no PolyBolt");
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

import { venueTierOf, type VenueRateTier } from "../../../protocols/index.ts";
import type { RateHeaders } from "./axiosHooks.ts";
import { tierText } from "./rateTierRead.ts";

export interface RateTierState {
  tier: VenueRateTier;
  /** How the tier in force was learnt: not yet (`start`: Standard, the tightest), the endpoint, or a response header. */
  source: "start" | "read" | "header";
  /** Bumped by every read that named a tier and every header that changed it: each is reported. */
  seq: number;
  failedReads: number;
  unknownTiers: number;
  /** Responses marked `Poly-RateLimit-Warning: true`. */
  warnings: number;
}

export interface RateTierOptions {
  read(): Promise<unknown>;
  /** Wall time (ms): the venue refreshes a signer's tier every 3 h of it. */
  now(): number;
  /** Between reads that named a tier (3 h), and after one that did not (sooner). */
  refreshMs: number;
  retryMs: number;
  /** Errors not to swallow: a geoblock halts trading whatever the call. */
  fatal(e: unknown): boolean;
  log(msg: string, fields?: Record<string, unknown>): void;
}

export type TierRead = { ok: true; tier: VenueRateTier } | { ok: false; reason: string };

/**
 * The signer's rate tier as the venue last said it. A failed read, or a tier name the floor does
 * not know, keeps the last one known, is logged and counted, and never stops trading.
 */
export class RateTier {
  private s: RateTierState = { tier: "standard", source: "start", seq: 0, failedReads: 0, unknownTiers: 0, warnings: 0 };
  private nextReadAt = -Infinity;

  constructor(private readonly o: RateTierOptions) {}

  get state(): Readonly<RateTierState> {
    return { ...this.s };
  }

  /** A read is due (never while one is in flight). */
  due(): boolean {
    return this.o.now() >= this.nextReadAt;
  }

  async refresh(): Promise<TierRead> {
    this.nextReadAt = this.o.now() + this.o.retryMs;
    let body: unknown;
    try {
      body = await this.o.read();
    } catch (e) {
      if (this.o.fatal(e)) throw e;
      return this.keep("failedReads", `the tier read failed: ${e instanceof Error ? e.message : String(e)}`);
    }
    const tier = venueTierOf(tierText(body));
    if (!tier) return this.keep("unknownTiers", `the venue named no tier the floor knows: ${JSON.stringify(body)?.slice(0, 200)}`);
    this.nextReadAt = this.o.now() + this.o.refreshMs;
    this.adopt(tier, "read");
    return { ok: true, tier };
  }

  /** A response's rate-limit headers (any call to the venue). */
  heard(h: RateHeaders): void {
    if (h.warning) {
      this.s.warnings++;
      // Every one counted; logged at the 1st, 2nd, 4th, 8th… so a flood stays a few lines.
      if ((this.s.warnings & (this.s.warnings - 1)) === 0) this.o.log("the venue warns that a request exceeded the signer's rate limit", { tier: this.s.tier, warnings: this.s.warnings });
    }
    if (h.tier === undefined) return;
    const tier = venueTierOf(h.tier);
    if (!tier) this.keep("unknownTiers", `a response named a tier the floor does not know: ${h.tier.slice(0, 50)}`);
    else if (tier !== this.s.tier) this.adopt(tier, "header");
  }

  private keep(count: "failedReads" | "unknownTiers", reason: string): TierRead {
    this.s[count]++;
    this.o.log(`venue rate tier: keeping ${this.s.tier}`, { reason, failedReads: this.s.failedReads, unknownTiers: this.s.unknownTiers });
    return { ok: false, reason };
  }

  private adopt(tier: VenueRateTier, source: "read" | "header"): void {
    if (tier !== this.s.tier) this.o.log("venue rate tier changed", { from: this.s.tier, to: tier, source });
    this.s = { ...this.s, tier, source, seq: this.s.seq + 1 };
  }
}

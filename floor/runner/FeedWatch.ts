import { decode, patterns, type FeedHealth } from "../../protocols/index.ts";
import type { Bus, Subscription } from "../bus/Bus.ts";
import { feedSummary } from "./feedSummary.ts";

/** One market-data source as the floor last heard of it (md.health.<source>). */
export interface FeedHealthView {
  status: FeedHealth["status"];
  /** Floor time the source entered this status. */
  since: number;
  detail?: string;
  /** What the source said the last time it was not ok. */
  lastError?: string;
  lastDataTs?: number;
}

/**
 * The runner's view of its feeds, from the bus (agents never import each other, and the runner
 * does not reach into one): each source's health from `md.health.*`, and how many markets opened.
 */
export class FeedWatch {
  readonly feeds: Record<string, FeedHealthView> = {};
  private opened = 0;
  private readonly subs: Subscription[];

  /** `noMarketMs`: how much floor time without a market makes the floor give up (never when absent). */
  constructor(bus: Bus, private readonly noMarketMs?: number) {
    this.subs = [
      bus.subscribe(patterns.health, (m) => {
        const d = decode<FeedHealth>(m.subject, m.data);
        if (d.ok) this.note(d.msg);
      }),
      bus.subscribe("md.market.*.open", () => void this.opened++),
    ];
  }

  get marketsOpened(): number {
    return this.opened;
  }

  /**
   * Why a floor that started at `start` should give up at `now`: no market opened within
   * `noMarketMs` of floor time. Names each source and what it last said.
   */
  giveUp(now: number, start: number): string | undefined {
    if (this.noMarketMs === undefined || this.opened > 0 || now - start < this.noMarketMs) return undefined;
    const feeds = Object.entries(this.feeds).map(([source, v]) => feedSummary(source, v));
    return `no market opened in ${Math.round(this.noMarketMs / 1000)} s (live.noMarketTimeoutSec): ${feeds.join("; ") || "no feed reported anything"}`;
  }

  stop(): void {
    for (const s of this.subs) s.unsubscribe();
  }

  private note(h: FeedHealth): void {
    const prev = this.feeds[h.source];
    const lastError = h.status === "ok" ? prev?.lastError : (h.detail ?? prev?.lastError);
    this.feeds[h.source] = {
      status: h.status,
      since: prev?.status === h.status ? prev.since : h.ts,
      ...(h.detail !== undefined ? { detail: h.detail } : {}),
      ...(lastError !== undefined ? { lastError } : {}),
      ...(h.lastDataTs !== undefined ? { lastDataTs: h.lastDataTs } : {}),
    };
  }
}

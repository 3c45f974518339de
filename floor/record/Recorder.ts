import { closeSync, mkdirSync, openSync, writeSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { MICRO, decode, patterns, type BookSnapshot, type MarketEvent, type MarketOpen, type SpotTick } from "../../protocols/index.ts";
import type { Bus, Subscription } from "../bus/Bus.ts";
import { BOOK_EVENTS, bookEventLine } from "../replay/index.ts";

export interface RecorderCounters {
  spot: number;
  books: number;
  markets: number;
  resolved: number;
  invalid: number;
}

/**
 * Writes the market data on a bus to a folder in the floor's replay format (docs/DATA.md), as
 * it arrives: spot ticks to spot.csv, each window to markets.jsonl once it has resolved (with
 * its outcome), and the Up token's mid price and whole book (at most one a second per market) to
 * up-prices.jsonl and book-events.jsonl (Polymarket's own `book` frames). Rows are appended and flushed as they come, so a killed recorder loses at
 * most the window still open.
 */
export class Recorder {
  readonly counters: RecorderCounters = { spot: 0, books: 0, markets: 0, resolved: 0, invalid: 0 };
  private readonly subs: Subscription[] = [];
  private readonly open = new Map<string, MarketOpen>();
  private readonly lastMidSec = new Map<string, number>();
  private readonly fds: { spot: number; markets: number; up: number; books: number };

  constructor(private readonly bus: Bus, readonly dir: string, opts: { symbol?: string; spotSource: string }) {
    mkdirSync(dir, { recursive: true });
    const manifest = { format: "polyfloor-replay", version: 1, symbol: opts.symbol ?? "BTCUSD", spotSource: opts.spotSource, spotKind: "ticks", maxSpotAgeMs: 10_000 };
    writeFileSync(join(dir, "dataset.json"), `${JSON.stringify(manifest, null, 2)}\n`);
    this.fds = { spot: openSync(join(dir, "spot.csv"), "w"), markets: openSync(join(dir, "markets.jsonl"), "w"), up: openSync(join(dir, "up-prices.jsonl"), "w"), books: openSync(join(dir, BOOK_EVENTS), "w") };
    writeSync(this.fds.spot, "ts_ms,price\n");
    this.subs.push(
      bus.subscribe(patterns.spot, (m) => this.take<SpotTick>(m.subject, m.data, (t) => this.spot(t))),
      bus.subscribe(patterns.book, (m) => this.take<BookSnapshot>(m.subject, m.data, (b) => this.book(b))),
      bus.subscribe(patterns.market, (m) => this.take<MarketEvent>(m.subject, m.data, (e) => this.market(e))),
    );
  }

  close(): void {
    for (const s of this.subs.splice(0)) s.unsubscribe();
    for (const fd of Object.values(this.fds)) closeSync(fd);
  }

  private take<T>(subject: string, data: string, fn: (msg: T) => void): void {
    const d = decode<T>(subject, data);
    if (d.ok) fn(d.msg);
    else this.counters.invalid++;
  }

  private spot(t: SpotTick): void {
    writeSync(this.fds.spot, `${t.ts},${t.price / MICRO}\n`);
    this.counters.spot++;
  }

  private book(b: BookSnapshot): void {
    const bid = b.bids[0]?.price;
    const ask = b.asks[0]?.price;
    const sec = Math.floor(b.ts / 1000);
    if (bid === undefined || ask === undefined || this.lastMidSec.get(b.marketId) === sec) return;
    this.lastMidSec.set(b.marketId, sec);
    writeSync(this.fds.up, `${JSON.stringify({ marketId: b.marketId, ts: b.ts, price: (bid + ask) / 2 / MICRO })}\n`);
    // The whole book too, so a replay fills through the spread and depth the venue showed (docs/DATA.md).
    writeSync(this.fds.books, `${bookEventLine({ upTokenId: b.tokenId, marketId: b.marketId }, { ts: b.ts, bids: b.bids, asks: b.asks })}\n`);
    this.counters.books++;
  }

  private market(e: MarketEvent): void {
    if (e.phase === "open") {
      this.open.set(e.marketId, e);
      this.counters.markets++;
      return;
    }
    if (e.phase !== "resolved") return;
    const m = this.open.get(e.marketId);
    if (!m) return; // opened before the recording started: its strike is unknown here
    this.open.delete(e.marketId);
    this.lastMidSec.delete(e.marketId);
    const line = {
      marketId: m.marketId, slug: m.slug, upTokenId: m.upTokenId, downTokenId: m.downTokenId, startTs: m.startTs, endTs: m.endTs,
      strike: m.strike / MICRO, outcome: e.outcome, fee: m.fee, tickSize: m.tickSize / MICRO, minSize: m.minSize / MICRO,
    };
    writeSync(this.fds.markets, `${JSON.stringify(line)}\n`);
    this.counters.resolved++;
  }
}
